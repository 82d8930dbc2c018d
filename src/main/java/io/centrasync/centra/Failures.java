package io.centrasync.centra;

import org.apache.camel.http.base.HttpOperationFailedException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;

/**
 * Sorts failures into "ask again later" and "stop now", and says each in one line an operator can
 * act on. Used by the route's error handling ({@code routes/errors.camel.yaml}).
 */
public final class Failures {

    /** Whether retrying the same request can succeed: rate limits, server errors, timeouts, broken bodies. */
    public boolean retryable(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            return status == 429 || status == 499 || status >= 500;
        }
        if (e instanceof CentraException centra) {
            return centra.retryable();
        }
        // nor database failures: outages are already retried where they happen, for up to sink.outage-timeout (OutageRetry)
        return e instanceof IOException;
    }

    /** One line saying what went wrong, without secrets. */
    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof HttpOperationFailedException http) {
            return switch (http.getStatusCode()) {
                case 403 -> "Centra refused the token (HTTP 403): it is invalid or expired; set a valid CENTRA_TOKEN or CENTRA_TOKEN_FILE";
                case 401 -> "Centra refused the request as unauthenticated (HTTP 401); check CENTRA_TOKEN";
                case 400 -> "Centra rejected the query (HTTP 400): " + PageResponses.errorMessages(http.getResponseBody());
                case 429 -> "Centra's rate limit is exceeded (HTTP 429)";
                default -> ("Centra answered HTTP " + http.getStatusCode() + " " + nullToEmpty(http.getStatusText())).trim();
            };
        }
        if (e instanceof InterruptedIOException) {
            return "Centra did not answer in time (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof IOException) {
            return "cannot reach Centra: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Whether Centra refused the token (HTTP 403): asking again with the same token, for any entity, will not help. */
    public static boolean tokenRefused(Throwable error) {
        return httpFailure(error).map(h -> h.getStatusCode() == 403).orElse(false);
    }

    /** The HTTP error status behind {@code error}, if that is what it is. */
    public static Optional<HttpOperationFailedException> httpFailure(Throwable error) {
        return unwrap(error) instanceof HttpOperationFailedException http ? Optional.of(http) : Optional.empty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof org.apache.camel.RuntimeCamelException || t instanceof org.apache.camel.CamelExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
