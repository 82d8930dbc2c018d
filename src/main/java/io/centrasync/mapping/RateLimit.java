package io.centrasync.mapping;

/** One of Centra's buckets as its {@code rateLimits} answer reports it, in our terms. */
public record RateLimit(BucketKind kind, int intervalSeconds, long quota, long remainingQuota) {
}
