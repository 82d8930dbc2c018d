package io.centrasync.it;

import io.centrasync.camel.Settings;
import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-entity series operators ask for (HTTP answers by status, retries, 429s, rate budget, lag, run duration) on
 * {@code /observe/metrics}, and readiness that goes down while the database cannot be reached.
 */
class OperatorMetricsTest {

    private static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Settings of a `run` whose schedules do not fire during the test (runs are started with runOnce). */
    private static Properties observed(Properties p, int port) {
        for (String entity : new String[] {"orders", "inventory", "purchase_orders", "purchase_order_deliveries"}) {
            p.setProperty("schedule." + entity, NEVER);
        }
        p.setProperty("camel.management.port", Integer.toString(port));
        return p;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), series + " in\n" + metrics);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theMetricsEndpointServesThePerEntitySeries() throws Exception {
        int port = freePort();
        try (SyncHarness h = new SyncHarness(150, "mappings/default")) {
            try (SyncApplication app = SyncApplication.create(Settings.of(observed(h.settings().asProperties(), port)), SyncHarness.TOKEN,
                    true)) {
                app.start();
                h.simulator.faults().failNext(1, 429, "1");
                assertNull(app.runOnce("orders", false).error());
                String metrics = get(port, "/observe/metrics").body();
                assertTrue(value(metrics, "centra_sync_http_responses_total{entity=\"orders\",status=\"200\"}") >= 1);
                assertEquals(1, value(metrics, "centra_sync_http_responses_total{entity=\"orders\",status=\"429\"}"));
                assertEquals(1, value(metrics, "centra_sync_rate_limited_total{entity=\"orders\"}"));
                assertEquals(1, value(metrics, "centra_sync_retries_total{entity=\"orders\"}"));
                double lag = value(metrics, "centra_sync_lag_seconds{entity=\"orders\"}");
                assertTrue(lag >= 0 && lag < 86_400, "lag " + lag);
                assertTrue(metrics.contains("centra_sync_lag_seconds{entity=\"inventory\"} NaN"), metrics);
                assertEquals(1, value(metrics, "centra_sync_run_duration_seconds_count{entity=\"orders\",status=\"ok\"}"));
                assertTrue(value(metrics, "centra_sync_run_duration_seconds_sum{entity=\"orders\",status=\"ok\"}") > 0);
                for (String kind : new String[] {"requests", "complexity"}) {
                    for (String interval : new String[] {"10s", "3600s"}) {
                        double left = value(metrics, "centra_sync_rate_budget_remaining{interval=\"" + interval + "\",kind=\"" + kind + "\"}");
                        assertTrue(left > 0, kind + "/" + interval + " " + left);
                    }
                }
                // today's series stay
                assertEquals(1, value(metrics, "centra_sync_runs_total{entity=\"orders\",status=\"ok\"}"));
            }
        }
    }

    @Test
    void readinessIsDownWhileTheDatabaseCannotBeReached(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(40).withToken(SyncHarness.TOKEN));
             CrashDatabase db = CrashDatabase.h2Server(dir); TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            Map<String, String> env = db.env(proxy.port());
            env.put("CENTRA_ENDPOINT", sim.endpoint());
            env.put("SINK_CONNECTION_TIMEOUT", "PT1S");
            Properties p = observed(Settings.load(env, new Properties()).asProperties(), port);
            p.setProperty("centra.rate.read-limits", "false");
            try (SyncApplication app = SyncApplication.create(Settings.of(p), SyncHarness.TOKEN, true)) {
                app.start();
                assertNull(app.runOnce("orders", false).error());
                HttpResponse<String> up = get(port, "/observe/health");
                assertEquals(200, up.statusCode(), up.body());
                assertTrue(up.body().contains("\"UP\""), up.body());

                proxy.cut();
                HttpResponse<String> down = get(port, "/observe/health");
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.body().contains("DOWN"), down.body());
                assertTrue(get(port, "/observe/health?data=true").body().contains("database unreachable"),
                        get(port, "/observe/health?data=true").body());

                proxy.restore();
                HttpResponse<String> again = get(port, "/observe/health");
                for (long deadline = System.nanoTime() + 15_000_000_000L; again.statusCode() != 200 && System.nanoTime() < deadline; ) {
                    Thread.sleep(200);
                    again = get(port, "/observe/health");
                }
                assertEquals(200, again.statusCode(), "up again once the database is back: " + again.body());
            }
        }
    }
}
