package io.centrasync.centra;

import io.centrasync.mapping.BucketKind;
import io.centrasync.mapping.RateLimit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bucket arithmetic on a fake clock: sleeping only moves the clock. */
class RateBudgetTest {

    /** A clock that moves only when the budget sleeps; the sleeps are recorded. */
    static final class FakeTime implements RateBudget.Sleeper {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        FakeTime(long now) {
            this.now = now;
        }

        FakeTime() {
            this(1_000_000);
        }

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            now += millis;
        }

        long slept() {
            return sleeps.stream().mapToLong(Long::longValue).sum();
        }
    }

    private final FakeTime time = new FakeTime();

    private RateBudget budget(RateBudget.Plan plan, RateBudget.LimitsSource source) {
        return new RateBudget(plan, () -> time.now, time, source);
    }

    private RateBudget budget(RateBudget.Plan plan) {
        return budget(plan, null);
    }

    @Test
    void aFullBucketLetsABurstThroughThenPacesAtOurShareOfTheRate() throws Exception {
        RateBudget b = budget(new RateBudget.Plan(10, 0, 0, 0, 0.9));   // ours: 9 tokens, 0.9 per second
        for (int i = 0; i < 9; i++) {
            b.acquire("orders", "run");
        }
        assertEquals(List.of(), time.sleeps, "the burst fits our 9 tokens");
        b.acquire("orders", "run");
        assertEquals(List.of(1112L), time.sleeps, "one token at 0.9/s");
        for (int i = 0; i < 90; i++) {
            b.acquire("orders", "run");
        }
        assertEquals(101_112, time.slept(), 200, "91 requests after the burst take 91 / 0.9 s");
    }

    @Test
    void theHourBucketBindsALongBackfill() throws Exception {
        RateBudget b = budget(new RateBudget.Plan(60, 100, 0, 0, 1.0));
        for (int i = 0; i < 100; i++) {
            b.acquire("orders", "run");
        }
        assertTrue(time.slept() < 10_000, "the 10 s bucket paces the first 100: " + time.slept());
        long before = time.slept();
        b.acquire("orders", "run");
        // then one request per 36 s (100 per hour), less what the hour bucket refilled meanwhile
        assertEquals(36_000 - before, time.slept() - before, 2, "the 101st request waits for the hour bucket");
        b.acquire("orders", "run");
        assertEquals(36_000, time.sleeps.get(time.sleeps.size() - 1), 2);
    }

    @Test
    void complexityIsEstimatedFromTheLastPageAndSettledByWhatCentraReports() throws Exception {
        RateBudget b = budget(new RateBudget.Plan(0, 0, 1000, 0, 1.0));   // 1000 points, 100 per second
        b.acquire("orders", "run");
        assertEquals(List.of(), time.sleeps, "the first request's cost is unknown: the bucket is full, it goes");
        b.settle("orders", 600);
        assertEquals(400, b.tokens(BucketKind.COMPLEXITY, 10), 0.001);

        b.acquire("orders", "run");
        assertEquals(List.of(2000L), time.sleeps, "600 expected, 400 there: wait for 200 at 100/s");
        assertEquals(0, b.tokens(BucketKind.COMPLEXITY, 10), 0.001);
        b.settle("orders", 300);
        assertEquals(300, b.tokens(BucketKind.COMPLEXITY, 10), 0.001, "the page was cheaper: the difference is back");

        b.acquire("stock", "run");
        assertEquals(List.of(2000L, 7000L), time.sleeps, "another entity's first request waits for a full bucket");
        b.acquire("stock", "run");
        assertEquals(2, time.sleeps.size(), "and charges nothing until Centra says what it cost");
    }

    @Test
    void aQueryDearerThanOurShareWaitsForAFullBucketInsteadOfForever() throws Exception {
        RateBudget b = budget(new RateBudget.Plan(0, 0, 1000, 0, 0.5));   // ours: 500 points, 50 per second
        b.acquire("orders", "run");
        b.settle("orders", 800);
        b.acquire("orders", "run");
        assertEquals(List.of(16_000L), time.sleeps, "from -300 to a full 500 at 50/s");
    }

    @Test
    void keepsACentraBucketSimulatedAlongsideAboveZeroWhileUsingMostOfIt() throws Exception {
        // requests and complexity of three entities in random order, each page costing what its entity costs
        RateBudget.Plan plan = new RateBudget.Plan(60, 5000, 250_000, 30_000_000, 0.95);
        RateBudget b = budget(plan);
        TokenBucket centraRequests = new TokenBucket(BucketKind.REQUESTS, 10, 60, 1.0, time.now);
        TokenBucket centraComplexity = new TokenBucket(BucketKind.COMPLEXITY, 10, 250_000, 1.0, time.now);
        Random random = new Random(7);
        String[] entities = {"orders", "stock", "deliveries"};
        long[] cost = {16_500, 40_000, 2_000};
        long points = 0;
        for (int i = 0; i < 2000; i++) {
            int e = random.nextInt(3);
            b.acquire(entities[e], "run");
            assertTrue(centraRequests.tokens(time.now) >= 1 && centraComplexity.tokens(time.now) >= cost[e],
                    "Centra would refuse request " + i);
            centraRequests.take(1, time.now);
            centraComplexity.take(cost[e], time.now);
            b.settle(entities[e], cost[e]);
            points += cost[e];
        }
        double perSecond = points / (time.slept() / 1000.0);
        assertTrue(perSecond > 0.9 * 25_000, "paced at " + perSecond + " points/s of the 25 000/s the plan refills");
    }

    @Test
    void adoptsTheQuotasAndRemainingBudgetCentraReports() throws Exception {
        RateBudget b = budget(new RateBudget.Plan(60, 5000, 250_000, 30_000_000, 0.95));
        b.learn(List.of(new RateLimit(BucketKind.REQUESTS, 10, 5, 3),
                new RateLimit(BucketKind.REQUESTS, 3600, Integer.MAX_VALUE, Integer.MAX_VALUE),
                new RateLimit(BucketKind.COMPLEXITY, 10, 1000, 100)));
        assertEquals(2.75, b.tokens(BucketKind.REQUESTS, 10), 0.001, "3 left, 5% of 5 kept back for others");
        assertEquals(50, b.tokens(BucketKind.COMPLEXITY, 10), 0.001);
        b.settle("orders", 0);      // a query that costs no complexity: only the request buckets pace it
        b.acquire("orders", "run");
        b.acquire("orders", "run");
        assertEquals(List.of(), time.sleeps);
        b.acquire("orders", "run");
        assertEquals(List.of(527L), time.sleeps, "0.25 of a token at 0.475/s");
        for (int i = 0; i < 100; i++) {
            b.acquire("orders", "run");
        }
        assertTrue(time.slept() > 100 * 2000, "the hour bucket is unlimited, the 10 s bucket paces: " + time.slept());
    }

    @Test
    void readsTheLimitsBeforeEachRunsFirstRequestAndAgainAfterA429() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        RateBudget b = budget(new RateBudget.Plan(60, 5000, 0, 0, 0.95), () -> {
            reads.incrementAndGet();
            return Optional.empty();
        });
        b.acquire("orders", "run-1");
        b.acquire("orders", "run-1");
        b.acquire("stock", "run-2");
        assertEquals(2, reads.get());
        b.rateLimited(time.now + 5_000);
        b.acquire("orders", "run-1");
        assertEquals(3, reads.get());
        assertEquals(List.of(5_000L), time.sleeps, "a 429's Retry-After holds back every entity");
    }

    @Test
    void concurrentAcquiresNeverSpendATokenTwice() throws Exception {
        RateBudget b = budget(new RateBudget.Plan(40, 0, 0, 0, 1.0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String entity = "e" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        b.acquire(entity, "run");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(0, b.tokens(BucketKind.REQUESTS, 10), 1e-9, "40 acquires took exactly 40 tokens");
    }
}
