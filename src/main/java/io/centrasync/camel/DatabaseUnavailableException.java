package io.centrasync.camel;

/** The database cannot be reached at start: exit 1 (a later run retries), with the driver's reason. */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
