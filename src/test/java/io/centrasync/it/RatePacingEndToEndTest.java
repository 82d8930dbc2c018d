package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.RateLimitConfig;
import io.centrasync.simulator.RetryAfterFormat;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store on a plan far smaller than the configured one: the connector learns the real quotas from
 * Centra's {@code rateLimits} and paces the backfill so that it never meets a 429.
 */
class RatePacingEndToEndTest {

    /** One page of the default orders query costs 16 500 complexity points in the simulator. */
    static final int PAGE_COMPLEXITY = 16_500;

    /** A store with {@code orders} orders on {@code plan}, and a connector reading them 100 a page. */
    private static SyncHarness ordersIn100sOnAStore(int orders, RateLimitConfig plan) throws java.io.IOException {
        CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(orders)
                .withToken(SyncHarness.TOKEN).withRateLimits(plan));
        return new SyncHarness(sim, io.centrasync.testdb.TestDatabase.h2(),
                SmallPages.ordersMapping(java.nio.file.Files.createTempDirectory("pages"), 100).toString());
    }

    @Test
    void aBackfillOnASmallPlanMeetsNo429() throws java.io.IOException {
        // 6 pages; the plan holds 5 requests and 4 pages' complexity per 10 s, so sent unpaced the
        // 5th and 6th page (and the rateLimits query before them) would be refused
        RateLimitConfig smallPlan = new RateLimitConfig(5, 0, 4L * PAGE_COMPLEXITY, 0, RetryAfterFormat.DELTA_SECONDS);
        try (SyncHarness h = ordersIn100sOnAStore(600, smallPlan); LogCapture log = LogCapture.begin()) {
            CentraSimulator sim = h.simulator;
            // the connector is configured for the default Growth plan; only rateLimits tells it better
            h.set("centra.rate.read-limits", "true");
            try (SyncApplication app = h.app()) {
                Observed run = Observed.run(h, app, "orders", false);
                assertNull(run.error());
                assertEquals(0, sim.rateLimited(), "no request was refused with 429");
                assertEquals(7, run.requests(), "the rateLimits query and 6 pages, no retries");
                assertEquals(6, run.result().run().pagesThisRun());
                assertEquals(6L * PAGE_COMPLEXITY, run.result().run().complexity());
                // paced, the last two pages wait ~2.6 s each; much longer would mean the budget is wasted
                assertTrue(run.millis() < 15_000, "used most of the budget: " + run.millis() + " ms");
            }
            Expected.assertDatabaseEqualsSource(h);
            assertFalse(log.containing("Centra rate limits: requests per 10 s 5").isEmpty(), log.lines().toString());
            assertTrue(log.warnings().isEmpty(), log.warnings().toString());
        }
    }

    @Test
    void aRestartedConnectorLearnsWhatOthersLeftOfTheBudgetAndMeetsNo429() throws java.io.IOException {
        // 3 pages per run; the store allows 10 requests and 4 pages' complexity per 10 s, and the
        // connector is configured with exactly that plan, so only rateLimits can tell it what is left
        RateLimitConfig plan = new RateLimitConfig(10, 0, 4L * PAGE_COMPLEXITY, 0, RetryAfterFormat.DELTA_SECONDS);
        try (SyncHarness h = ordersIn100sOnAStore(300, plan); LogCapture log = LogCapture.begin()) {
            CentraSimulator sim = h.simulator;
            h.set("centra.rate.read-limits", "true").set("centra.rate.requests-per-10s", "10")
                    .set("centra.rate.requests-per-hour", "0").set("centra.rate.complexity-per-10s", "" + 4L * PAGE_COMPLEXITY)
                    .set("centra.rate.complexity-per-hour", "0");
            try (SyncApplication first = h.app()) {
                assertNull(Observed.run(h, first, "orders", false).error());
            }
            // another integration on the same store spends most of what the first run left (it leaves the
            // rateLimits query a request: a refused one would leave the connector to its configured plan)
            sim.spendBudget(4, 3L * PAGE_COMPLEXITY);
            try (SyncApplication restarted = h.app()) {
                Observed run = Observed.run(h, restarted, "orders", true);
                assertNull(run.error());
                assertEquals(4, run.requests(), "the rateLimits query and 3 pages, no retries");
            }
            assertEquals(0, sim.rateLimited(), "no request was refused with 429");
            Expected.assertDatabaseEqualsSource(h);
            assertTrue(log.warnings().isEmpty(), log.warnings().toString());
        }
    }
}
