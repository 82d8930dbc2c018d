package io.centrasync.centra;

import io.centrasync.mapping.BucketKind;

/**
 * Our share of one of Centra's token buckets (say requests over 10 s). Centra's bucket holds up
 * to {@code quota} tokens and refills continuously at quota per interval; we allow ourselves
 * {@code utilization} of both, so other integrations on the same store and small clock differences
 * keep some room. Times are epoch milliseconds from the caller's clock. Not thread-safe:
 * {@link RateBudget} guards it.
 */
final class TokenBucket {

    final BucketKind kind;
    final int intervalSeconds;
    private final double utilization;
    private double quota;
    private double tokens;
    private long lastMillis;

    /** {@code quota} 0 or less: unlimited. Starts full. */
    TokenBucket(BucketKind kind, int intervalSeconds, double quota, double utilization, long now) {
        this.kind = kind;
        this.intervalSeconds = intervalSeconds;
        this.utilization = utilization;
        this.quota = Math.max(0, quota);
        this.tokens = capacity();
        this.lastMillis = now;
    }

    boolean limited() {
        return quota > 0;
    }

    double quota() {
        return quota;
    }

    /** The most we keep for a burst: our share of the quota. */
    double capacity() {
        return quota * utilization;
    }

    double tokens(long now) {
        refill(now);
        return tokens;
    }

    /** Milliseconds until {@code cost} fits, 0 if it does now. A cost above our capacity waits for a full bucket. */
    long waitMillis(double cost, long now) {
        if (!limited()) {
            return 0;
        }
        refill(now);
        double needed = Math.min(cost, capacity()) - tokens;
        return needed <= 0 ? 0 : (long) Math.ceil(needed / ratePerMilli());
    }

    /** Pays {@code cost} (may go below zero: the next request then waits for the debt). */
    void take(double cost, long now) {
        if (limited()) {
            refill(now);
            tokens -= cost;
        }
    }

    /**
     * Adopts what Centra reports: its quota and remaining tokens. Of the remaining, the part above
     * {@code (1 - utilization) × quota} is ours.
     */
    void learn(double newQuota, double remaining, long now) {
        quota = Math.max(0, newQuota);
        tokens = Math.min(capacity(), remaining - (1 - utilization) * quota);
        lastMillis = now;
    }

    private double ratePerMilli() {
        return capacity() / (intervalSeconds * 1000.0);
    }

    private void refill(long now) {
        if (now > lastMillis) {
            tokens = Math.min(capacity(), tokens + (now - lastMillis) * ratePerMilli());
            lastMillis = now;
        }
    }

    String describe() {
        return kind.fileName() + " per " + (intervalSeconds >= 3600 ? intervalSeconds / 3600 + " h" : intervalSeconds + " s");
    }
}
