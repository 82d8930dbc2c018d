package io.centrasync.simulator;

/** A supplier of purchase orders. */
public record SimSupplier(int id, String name) {
}
