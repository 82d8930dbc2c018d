package io.centrasync.simulator;

/** DTC order customer; {@code email} may be null. */
public record SimCustomer(int id, String email, String firstName, String lastName) {
}
