package io.centrasync.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Centra-style token buckets: request count and query complexity, each over 10 s and 1 h.
 * A bucket holds up to its quota and refills continuously at quota / interval. A request is
 * admitted only if every bucket can pay (1 token per request, 1 per complexity point);
 * a refused request pays nothing.
 */
final class RateLimiter {
    /** Outcome of {@link #tryAcquire(int)}: admitted, or the seconds to wait. */
    record Decision(boolean admitted, double waitSeconds) {
    }

    private static final class Bucket {
        final String type;
        final String interval;
        final int intervalSeconds;
        final double quota;
        double tokens;
        long lastMillis;

        /** {@code interval}: Centra's RateLimitInterval name of {@code intervalSeconds}. */
        Bucket(String type, String interval, int intervalSeconds, double quota, long now) {
            this.type = type;
            this.interval = interval;
            this.intervalSeconds = intervalSeconds;
            this.quota = quota;
            this.tokens = quota;
            this.lastMillis = now;
        }

        boolean limited() {
            return quota > 0;
        }

        void refill(long now) {
            if (now > lastMillis) {
                tokens = Math.min(quota, tokens + (now - lastMillis) * quota / (intervalSeconds * 1000.0));
                lastMillis = now;
            }
        }

        double waitFor(double amount) {
            if (!limited() || tokens >= amount) {
                return 0;
            }
            if (amount > quota) {
                return intervalSeconds;    // can never fit; tell the client to back off a full interval
            }
            return (amount - tokens) * intervalSeconds / quota;
        }
    }

    private final RateLimitConfig config;
    private final Clock clock;
    private final List<Bucket> buckets = new ArrayList<>();
    private long refused;
    private long admitted;
    private long admittedComplexity;

    RateLimiter(RateLimitConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        long now = clock.millis();
        buckets.add(new Bucket("REQUEST_COUNT", "TEN_SECONDS", 10, config.requestsPer10s(), now));
        buckets.add(new Bucket("REQUEST_COUNT", "ONE_HOUR", 3600, config.requestsPerHour(), now));
        buckets.add(new Bucket("QUERY_COMPLEXITY", "TEN_SECONDS", 10, config.complexityPer10s(), now));
        buckets.add(new Bucket("QUERY_COMPLEXITY", "ONE_HOUR", 3600, config.complexityPerHour(), now));
    }

    RateLimitConfig config() {
        return config;
    }

    synchronized Decision tryAcquire(int complexity) {
        long now = clock.millis();
        double wait = 0;
        for (Bucket b : buckets) {
            b.refill(now);
            wait = Math.max(wait, b.waitFor(b.type.equals("REQUEST_COUNT") ? 1 : complexity));
        }
        if (wait > 0) {
            refused++;
            return new Decision(false, wait);
        }
        for (Bucket b : buckets) {
            if (b.limited()) {
                b.tokens -= b.type.equals("REQUEST_COUNT") ? 1 : complexity;
            }
        }
        admitted++;
        admittedComplexity += complexity;
        return new Decision(true, 0);
    }

    /**
     * Another integration on the same store spends budget: tokens leave the buckets (down to empty)
     * without this simulator counting a request, as Centra's shared buckets would show it.
     */
    synchronized void spend(int requests, long complexity) {
        long now = clock.millis();
        for (Bucket b : buckets) {
            if (b.limited()) {
                b.refill(now);
                b.tokens = Math.max(0, b.tokens - (b.type.equals("REQUEST_COUNT") ? requests : complexity));
            }
        }
    }

    /** What clients have used so far, for {@code GET /admin/rate-limits} (the benchmark's budget check). */
    synchronized Map<String, Object> usage() {
        Map<String, Object> usage = new java.util.LinkedHashMap<>();
        usage.put("admittedRequests", admitted);
        usage.put("admittedComplexity", admittedComplexity);
        usage.put("refused", refused);
        usage.put("requestsPer10s", config.requestsPer10s());
        usage.put("requestsPerHour", config.requestsPerHour());
        usage.put("complexityPer10s", config.complexityPer10s());
        usage.put("complexityPerHour", config.complexityPerHour());
        return usage;
    }

    /** Requests refused (answered 429) so far. */
    synchronized long refused() {
        return refused;
    }

    /** The {@code rateLimits} query result. Unlimited buckets report quota 2147483647. */
    synchronized List<Map<String, Object>> snapshot() {
        long now = clock.millis();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Bucket b : buckets) {
            b.refill(now);
            out.add(row(b.type, b.interval, b.limited() ? (long) b.quota : Integer.MAX_VALUE,
                    b.limited() ? (long) Math.floor(b.tokens) : Integer.MAX_VALUE));
        }
        out.add(row("MUTATION_COUNT", "TEN_SECONDS", 20, 20));
        out.add(row("MUTATION_COUNT", "ONE_HOUR", 1800, 1800));
        return out;
    }

    /** One RateLimit as Centra answers it: {@code intervalSeconds} is the RateLimitInterval enum, not a number. */
    private static Map<String, Object> row(String type, String interval, long quota, long remaining) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("intervalSeconds", interval);
        m.put("quota", (int) Math.min(Integer.MAX_VALUE, quota));
        m.put("usedQuota", (int) Math.min(Integer.MAX_VALUE, quota - remaining));
        m.put("remainingQuota", (int) Math.min(Integer.MAX_VALUE, remaining));
        return m;
    }

    /** Renders a Retry-After value in the configured form. */
    String retryAfter(double waitSeconds) {
        return retryAfter(config.retryAfterFormat(), waitSeconds, clock);
    }

    static String retryAfter(RetryAfterFormat format, double waitSeconds, Clock clock) {
        long secs = Math.max(1, (long) Math.ceil(waitSeconds));
        Instant at = Instant.ofEpochSecond(clock.instant().getEpochSecond() + secs);
        return switch (format) {
            case DELTA_SECONDS -> Long.toString(secs);
            case HTTP_DATE -> DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
            case EPOCH_SECONDS -> Long.toString(at.getEpochSecond());
        };
    }
}
