package io.centrasync.simulator;

/**
 * Token-bucket quotas, as Centra enforces them per environment: requests and summed query
 * complexity, each per 10 seconds and per hour. A quota of 0 or less means unlimited.
 */
public record RateLimitConfig(int requestsPer10s, int requestsPerHour, long complexityPer10s, long complexityPerHour,
                              RetryAfterFormat retryAfterFormat) {
    /** No limits (the default). */
    public static final RateLimitConfig UNLIMITED = new RateLimitConfig(0, 0, 0, 0, RetryAfterFormat.DELTA_SECONDS);
    /** Centra's published default plan ("Growth"): 60 req/10 s, 5000 req/h, 250k/10 s, 30M/h complexity. */
    public static final RateLimitConfig GROWTH = new RateLimitConfig(60, 5_000, 250_000, 30_000_000, RetryAfterFormat.DELTA_SECONDS);

    public boolean enabled() {
        return requestsPer10s > 0 || requestsPerHour > 0 || complexityPer10s > 0 || complexityPerHour > 0;
    }

    public RateLimitConfig withRetryAfterFormat(RetryAfterFormat format) {
        return new RateLimitConfig(requestsPer10s, requestsPerHour, complexityPer10s, complexityPerHour, format);
    }
}
