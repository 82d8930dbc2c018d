package io.centrasync.centra;

import io.centrasync.mapping.BucketKind;
import io.centrasync.mapping.RateLimit;
import io.centrasync.run.CentraPage;
import io.centrasync.run.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Paces requests to one Centra endpoint so a long backfill stays under the store's token buckets
 * (requests and query complexity, each per 10 s and per hour) instead of running into 429s. One
 * instance is shared by every entity route; it is thread-safe.
 *
 * <p>{@link #acquire} runs before each request and sleeps just long enough for every bucket to hold
 * the request's cost: 1 request and the complexity the entity's query cost last time (see
 * {@link #roomForAnUnknownQuery} for the first time).
 * {@link #observed} settles the difference once the response says what the query really cost
 * ({@code extensions.complexity}). Before the first request of each run the budget re-reads Centra's
 * {@code rateLimits} (if a {@link LimitsSource} is given) to learn the real quotas and what other
 * integrations have left; without it, the configured {@link Plan} is assumed.
 */
public final class RateBudget {

    private static final Logger LOG = LoggerFactory.getLogger(RateBudget.class);
    /** How the rateLimits query is paid: 1 request and, as it is tiny and never settled, no complexity. */
    private static final String LIMITS_QUERY = "(rateLimits)";
    /** Waits at least this long are worth an INFO line; shorter ones are routine pacing. */
    private static final long NOTABLE_WAIT_MILLIS = 5_000;

    /** The store's plan; Centra's default "Growth" plan is 60/10 s, 5000/h requests, 250k/10 s, 30M/h complexity. */
    public record Plan(long requestsPer10s, long requestsPerHour, long complexityPer10s, long complexityPerHour,
                       double utilization) {
        public Plan {
            if (utilization <= 0 || utilization > 1) {
                throw new IllegalArgumentException("utilization must be in (0, 1], got " + utilization);
            }
        }
    }

    /** Reads Centra's current {@code rateLimits}; empty when the query is not available. */
    public interface LimitsSource {
        /** Throws when the answer says a request would fail too (a refused token). */
        Optional<List<RateLimit>> read() throws Exception;
    }

    /** Sleeps for the budget; may throw to abandon the wait (shutdown). */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final LimitsSource limitsSource;
    private final List<TokenBucket> buckets;
    private final Map<String, Long> lastComplexity = new HashMap<>();
    private final Map<String, Long> charged = new HashMap<>();
    private final Map<String, String> limitsReadForRun = new HashMap<>();
    private boolean rereadLimits;
    private long pausedUntil;
    private String knownLimits = "";

    public RateBudget(Plan plan, LongSupplier clock, Sleeper sleeper, LimitsSource limitsSource) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.limitsSource = limitsSource;
        long now = clock.getAsLong();
        double u = plan.utilization();
        this.buckets = List.of(
                new TokenBucket(BucketKind.REQUESTS, 10, plan.requestsPer10s(), u, now),
                new TokenBucket(BucketKind.REQUESTS, 3600, plan.requestsPerHour(), u, now),
                new TokenBucket(BucketKind.COMPLEXITY, 10, plan.complexityPer10s(), u, now),
                new TokenBucket(BucketKind.COMPLEXITY, 3600, plan.complexityPerHour(), u, now));
    }

    /** Before a request of this run: learns Centra's limits if this is the run's first, then waits for the budget. */
    public void acquire(SyncRun run) throws Exception {
        acquire(run.entity(), run.runId());
    }

    public void acquire(String entity, String runId) throws Exception {
        CentraEvents.requesting(entity); // this thread's requests are the entity's now (the rateLimits one too)
        if (limitsSource != null && needsLimits(entity, runId)) {
            pay(LIMITS_QUERY);
            limitsSource.read().ifPresent(this::learn);
        }
        pay(entity);
    }

    /** Waits until every bucket holds one request and the entity's expected complexity, then pays it. */
    private void pay(String entity) throws InterruptedException {
        while (true) {
            long wait;
            String reason;
            synchronized (this) {
                long now = clock.getAsLong();
                Long last = lastComplexity.get(entity);
                long cost = last == null ? 0 : last;
                long room = last == null ? roomForAnUnknownQuery(entity) : cost;
                wait = Math.max(0, pausedUntil - now);
                reason = "Centra's Retry-After";
                for (TokenBucket b : buckets) {
                    long w = b.waitMillis(b.kind == BucketKind.REQUESTS ? 1 : room, now);
                    if (w > wait) {
                        wait = w;
                        reason = b.describe();
                    }
                }
                if (wait == 0) {
                    for (TokenBucket b : buckets) {
                        b.take(b.kind == BucketKind.REQUESTS ? 1 : cost, now);
                    }
                    charged.put(entity, cost);
                    return;
                }
            }
            if (wait >= NOTABLE_WAIT_MILLIS) {
                LOG.info("{}: waiting {} s for Centra's rate limit ({})", entity, seconds(wait), reason);
            } else {
                LOG.debug("{}: waiting {} ms for Centra's rate limit ({})", entity, wait, reason);
            }
            sleeper.sleep(wait);
        }
    }

    /**
     * An entity's query is expected to cost what its last one did. Before its first, a fresh process
     * cannot know: it waits until the 10 s complexity bucket is full (10 s at most; not the hour
     * bucket's, which could be an hour), so a store whose budget others have spent is waited for
     * instead of met with a 429. Nothing is charged until {@link #settle} says what it cost: a
     * request that fails (a bad token) then holds back no other entity.
     */
    private long roomForAnUnknownQuery(String entity) {
        if (entity.equals(LIMITS_QUERY)) {
            return 0;
        }
        return (long) buckets.stream().filter(b -> b.kind == BucketKind.COMPLEXITY && b.intervalSeconds == 10)
                .mapToDouble(TokenBucket::capacity).findFirst().orElse(0);
    }

    /** After a response: the query really cost {@code page.complexity()}; settle the estimate and remember it. */
    public void observed(SyncRun run, CentraPage page) {
        settle(run.entity(), page.complexity());
    }

    public synchronized void settle(String entity, long complexity) {
        long now = clock.getAsLong();
        long difference = complexity - charged.getOrDefault(entity, 0L);
        for (TokenBucket b : buckets) {
            if (b.kind == BucketKind.COMPLEXITY) {
                b.take(difference, now);
            }
        }
        charged.put(entity, complexity);
        lastComplexity.put(entity, complexity);
    }

    /**
     * Centra answered 429: nobody sends before {@code epochMillis}, and since our picture of the
     * buckets was wrong (another integration is spending the same budget), re-read the limits.
     */
    public synchronized void rateLimited(long epochMillis) {
        pausedUntil = Math.max(pausedUntil, epochMillis);
        rereadLimits = true;
    }

    /** Adopts Centra's reported quotas and remaining tokens (of the buckets we keep). */
    public synchronized void learn(List<RateLimit> limits) {
        long now = clock.getAsLong();
        StringBuilder summary = new StringBuilder();
        for (RateLimit limit : limits) {
            for (TokenBucket b : buckets) {
                if (b.kind == limit.kind() && b.intervalSeconds == limit.intervalSeconds()) {
                    // Centra reports an unlimited bucket as Int.MAX
                    boolean unlimited = limit.quota() >= Integer.MAX_VALUE;
                    b.learn(unlimited ? 0 : limit.quota(), limit.remainingQuota(), now);
                    summary.append(summary.length() == 0 ? "" : ", ").append(b.describe()).append(' ')
                            .append(unlimited ? "unlimited" : limit.quota());
                }
            }
        }
        if (!summary.toString().equals(knownLimits)) {
            knownLimits = summary.toString();
            LOG.info("Centra rate limits: {}", knownLimits);
        }
    }

    /** Tokens our share of a bucket holds now, for the metrics (negative: owed after an unexpectedly costly query). */
    public double remaining(BucketKind kind, int intervalSeconds) {
        return tokens(kind, intervalSeconds);
    }

    /** Tokens our share of a bucket holds now (for tests and diagnostics). */
    synchronized double tokens(BucketKind kind, int intervalSeconds) {
        long now = clock.getAsLong();
        return buckets.stream().filter(b -> b.kind == kind && b.intervalSeconds == intervalSeconds).findFirst()
                .map(b -> b.tokens(now)).orElseThrow();
    }

    private synchronized boolean needsLimits(String entity, String runId) {
        boolean first = !runId.equals(limitsReadForRun.put(entity, runId));
        boolean reread = rereadLimits;
        rereadLimits = false;
        return first || reread;
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
