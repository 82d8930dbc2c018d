package io.centrasync.it;

import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.RateLimitConfig;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM during a one-off {@code sync} (a container stop, Ctrl-C): the run stops after the page in
 * hand, also while it waits for Centra's rate limit, records itself as interrupted and exits within
 * seconds; the next sync resumes after the last committed page.
 */
class StopEndToEndTest {

    static final int ORDERS = 3000;
    static final int PAGE = 100;

    @Test
    void sigtermStopsASyncBetweenPagesAndTheNextSyncResumes(@TempDir Path dir) throws Exception {
        // Centra's Growth plan: after the first burst the backfill is paced, about one page a second
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(ORDERS)
                .withToken(SyncHarness.TOKEN).withRateLimits(RateLimitConfig.GROWTH));
             ) {
            // embedded H2 as by default (no AUTO_SERVER, whose own shutdown hook would close the database
            // under the stopping run): looked into once the process has ended
            String url = "jdbc:h2:file:" + dir.resolve("stop").toAbsolutePath();
            Map<String, String> env = new java.util.HashMap<>(Map.of("SINK_JDBC_URL", url, "SINK_JDBC_USER", "sa", "SINK_JDBC_PASSWORD", ""));
            env.put("CENTRA_ENDPOINT", sim.endpoint());
            env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
            env.put("MAPPINGS_DIR", SmallPages.ordersMapping(dir, PAGE).toString());

            ConnectorProcess sync = ConnectorProcess.start(env, dir.resolve("stopped.log"), "sync", "orders");
            // the first burst of pages is in once the budget has learnt the limits; then it is paced
            assertTrue(sync.awaitOutput("Centra rate limits", Duration.ofSeconds(60)), sync.output());
            Thread.sleep(3000);
            assertTrue(sync.alive(), "the sync ended before the signal:\n" + sync.output());
            long signalled = System.nanoTime();
            sync.terminate();
            int code = sync.waitFor(Duration.ofSeconds(20));
            double seconds = (System.nanoTime() - signalled) / 1e9;
            assertTrue(seconds < 10, "stopped " + seconds + " s after SIGTERM:\n" + sync.output());
            assertEquals(143, code, "a SIGTERM ends the JVM with 128 + 15:\n" + sync.output());
            assertTrue(sync.output().contains("STOPPED: stopped after page"), sync.output());

            long committed;
            long pages;
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                committed = CrashDatabase.count(c, "orders");
                List<Map<String, Object>> runs = CrashDatabase.query(c, "SELECT status, pages FROM sync_runs");
                assertEquals(1, runs.size());
                assertEquals("interrupted", runs.get(0).get("status"), "the run is recorded as stopped, not left running");
                pages = ((Number) CrashDatabase.query(c, "SELECT run_pages FROM sync_state").get(0).get("run_pages")).longValue();
            }
            assertTrue(committed > 0 && committed < ORDERS, "stopped part-way: " + committed + " orders");
            assertEquals(committed, pages * PAGE, "the checkpoint holds exactly the committed pages");

            ConnectorProcess resumed = ConnectorProcess.start(env, dir.resolve("resumed.log"), "sync", "orders");
            assertEquals(0, resumed.waitFor(Duration.ofSeconds(90)), resumed.output());
            assertTrue(resumed.output().contains("resuming an interrupted run after page " + pages), resumed.output());
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                assertEquals(ORDERS, CrashDatabase.count(c, "orders"));
            }
        }
    }
}
