package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refused token (HTTP 403) stops the store once: one request, one line. The store's other entities
 * are not tried until the refused entity's next run tries the token again, and readiness is down
 * meanwhile.
 */
class RefusedTokenTest {

    static SyncHarness h;

    @BeforeAll
    static void start() {
        h = new SyncHarness(40, "mappings/default");
        h.set("centra.rate.read-limits", "true"); // as shipped: the rateLimits query is the first request of a run
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void syncMakesOneRequestPrintsOneFailureAndExitsOne() {
        Map<String, String> env = CommandLineTest.env(h);
        env.put("CENTRA_TOKEN", "refused-" + UUID.randomUUID());
        long before = h.simulator.requests();
        CommandLineTest.Result r;
        try (LogCapture log = LogCapture.begin()) {
            r = CommandLineTest.cli(env, "sync");
            assertEquals(1, log.warnings().size(), "one line in the log: " + log.warnings());
        }
        assertEquals(1, r.code(), r.all());
        assertEquals(1, h.simulator.requests() - before, "one request for the whole store");
        assertEquals(1, r.out().split("FAILED", -1).length - 1, r.out());
        assertTrue(r.out().contains("HTTP 403"), r.out());
        assertTrue(r.out().contains("Not tried, as Centra refused the token: inventory, purchase_orders, purchase_order_deliveries."),
                r.out());
    }

    @Test
    void scheduledRunsOfOtherEntitiesWaitForTheRefusedEntitysNextRun() {
        try (SyncApplication refused = h.app("refused-" + UUID.randomUUID())) {
            long before = h.simulator.requests();
            SyncApplication.RunResult orders = refused.runOnce("orders", false);
            assertTrue(orders.error().contains("HTTP 403"), orders.error());
            assertEquals(1, h.simulator.requests() - before);
            assertEquals(HealthCheck.State.DOWN, readiness(refused), "not ready while the token is refused");

            SyncApplication.RunResult inventory = refused.runOnce("inventory", false);
            assertEquals("not run: Centra refused the token to orders", inventory.error());
            assertNull(inventory.run(), "no run was started, none recorded");
            assertEquals(1, h.simulator.requests() - before, "no request for another entity");
            assertTrue(h.query("SELECT * FROM sync_runs WHERE entity = 'inventory'").isEmpty());

            // the refused entity's next run is the next attempt: one request again
            SyncApplication.RunResult again = refused.runOnce("orders", false);
            assertTrue(again.error().contains("HTTP 403"), again.error());
            assertEquals(2, h.simulator.requests() - before);
        }
    }

    @Test
    void aTokenThatIsAcceptedAgainOpensTheStore() {
        try (SyncApplication app = h.app()) {
            assertEquals(HealthCheck.State.UP, readiness(app));
            assertNull(app.runOnce("inventory", false).error());
            assertFalse(app.tokenRefused());
        }
    }

    /** Any entity whose runs keep failing makes the connector not ready, until one of its runs completes. */
    @Test
    void readinessIsDownWhileAnEntitysLastRunFailed() {
        try (SyncApplication app = h.app()) {
            assertEquals(HealthCheck.State.UP, readiness(app, "centra-runs"));
            h.simulator.faults().passNext(1).failNext(1, 400); // the run's rateLimits query first, then its page
            assertTrue(app.runOnce("purchase_orders", false).error().contains("HTTP 400"));
            HealthCheck.Result down = HealthCheckHelper.getHealthCheck(app.context(), "centra-runs").call();
            assertEquals(HealthCheck.State.DOWN, down.getState());
            assertEquals("last run failed: purchase_orders", down.getMessage().orElseThrow());
            assertTrue(String.valueOf(down.getDetails().get("failed.purchase_orders")).contains("HTTP 400"), down.getDetails().toString());

            assertNull(app.runOnce("purchase_orders", false).error());
            assertEquals(HealthCheck.State.UP, readiness(app, "centra-runs"));
        }
    }

    private static HealthCheck.State readiness(SyncApplication app) {
        return readiness(app, "centra-token");
    }

    private static HealthCheck.State readiness(SyncApplication app, String id) {
        HealthCheck check = HealthCheckHelper.getHealthCheck(app.context(), id);
        assertTrue(check.isReadiness() && !check.isLiveness());
        return check.call().getState();
    }
}
