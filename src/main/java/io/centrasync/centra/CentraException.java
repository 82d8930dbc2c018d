package io.centrasync.centra;

/**
 * Centra answered, but not with a usable page. {@link #retryable()} says whether asking again can help
 * (a truncated body can; a missing permission cannot).
 */
public class CentraException extends RuntimeException {

    private final boolean retryable;

    public CentraException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
