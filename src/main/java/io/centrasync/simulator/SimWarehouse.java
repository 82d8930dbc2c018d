package io.centrasync.simulator;

/** A warehouse; status is {@code ACTIVE} or {@code INACTIVE}. */
public record SimWarehouse(int id, String name, String status) {
}
