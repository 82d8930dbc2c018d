package io.centrasync.simulator;

/** Wholesale account. */
public record SimAccount(int id, String name) {
}
