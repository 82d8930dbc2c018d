package io.centrasync.it;

import io.centrasync.camel.Settings;
import io.centrasync.camel.SyncApplication;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run}: Quartz fires the entity routes; health and metrics are served on loopback. */
class ScheduledRunTest {

    @Test
    void theScheduleSyncsAndHealthAndMetricsAreServed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (SyncHarness h = new SyncHarness(150, "mappings/default")) {
            Properties p = h.settings().asProperties();
            p.setProperty("schedule.orders", "0/1 * * * * ?");
            p.setProperty("camel.management.port", Integer.toString(port));
            try (SyncApplication app = SyncApplication.create(Settings.of(p), SyncHarness.TOKEN, true)) {
                app.start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < deadline && (h.count("sync_runs") == 0
                        || h.query("SELECT status FROM sync_runs WHERE entity = 'orders' AND status = 'ok'").isEmpty())) {
                    Thread.sleep(200);
                }
                assertEquals(150, h.count("orders"), "the schedule ran the orders route");
                HttpClient http = HttpClient.newHttpClient();
                String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(health.contains("\"UP\""), health);
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("centra_sync_runs_total{entity=\"orders\",status=\"ok\"}"), metrics);
                assertTrue(metrics.contains("centra_sync_records_read_total{entity=\"orders\"}"), metrics);
                // from the start, for every entity: an alert on its age fires for one that never completed a run
                assertTrue(metrics.contains("centra_sync_last_success_seconds{entity=\"inventory\"} 0.0"), metrics);
                assertFalse(metrics.contains("centra_sync_last_success_seconds{entity=\"orders\"} 0.0"), metrics);
                assertEquals("127.0.0.1", p.getProperty("camel.management.host"), "served on loopback by default");
            }
        }
    }
}
