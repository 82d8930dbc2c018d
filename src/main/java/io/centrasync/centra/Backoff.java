package io.centrasync.centra;

import java.time.Duration;

/**
 * Capped exponential backoff with jitter: retry n waits between half and all of
 * {@code min(max, base × 2^(n-1))}. The random half keeps entity routes that failed together (a
 * Centra restart) from all coming back in the same instant.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= max, got " + base + " and " + max);
        }
    }

    /** The delay before retry {@code retry} (1-based); {@code random} is uniform in [0, 1). */
    public Duration delay(int retry, double random) {
        long cap = max.toMillis();
        long exponential = base.toMillis() << Math.min(Math.max(retry - 1, 0), 30);
        long ceiling = exponential < 0 ? cap : Math.min(cap, exponential);
        return Duration.ofMillis(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
    }
}
