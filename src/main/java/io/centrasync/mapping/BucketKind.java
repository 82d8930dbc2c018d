package io.centrasync.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What one of our token buckets counts. Centra's own names for these (its RateLimitType values) live
 * in the mapping folder's {@code rate_limits.yaml}, which maps them onto these kinds.
 */
public enum BucketKind {
    /** One token per request. */
    REQUESTS,
    /** One token per point of query complexity. */
    COMPLEXITY;

    /** The name used in {@code rate_limits.yaml}: {@code requests} or {@code complexity}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BucketKind> ofFileName(String name) {
        return Arrays.stream(values()).filter(k -> k.fileName().equals(name)).findFirst();
    }
}
