package io.centrasync.simulator;

/** How a 429's {@code Retry-After} header is written (Centra's real form is unknown). */
public enum RetryAfterFormat {
    /** Whole seconds to wait, e.g. {@code 3}. */
    DELTA_SECONDS,
    /** RFC 1123 date, e.g. {@code Wed, 21 Oct 2026 07:28:00 GMT}. */
    HTTP_DATE,
    /** Unix epoch seconds of the moment a retry may succeed, e.g. {@code 1792567680}. */
    EPOCH_SECONDS
}
