package io.centrasync.simulator;

/** A client mistake (bad argument, bad cursor) reported as a GraphQL error, not a server fault. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message, null, false, false);
    }
}
