package io.centrasync.store;

/** The database refused or could not be reached; the run fails and a rerun resumes. */
public class SinkException extends RuntimeException {
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
