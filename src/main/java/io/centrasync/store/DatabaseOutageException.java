package io.centrasync.store;

/**
 * The database stayed unreachable for longer than {@code sink.outage-timeout} (or the connector
 * was stopped while waiting for it). The step that failed committed nothing; a rerun resumes after
 * the last committed page. Not retried again by the route: the wait is already over.
 */
public class DatabaseOutageException extends SinkException {
    public DatabaseOutageException(String message, Throwable cause) {
        super(message, cause);
    }
}
