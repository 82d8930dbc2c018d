package io.centrasync.simulator;

/** Wholesale buyer. */
public record SimBuyer(int id, String email) {
}
