package io.centrasync.it;

import io.centrasync.camel.Settings;
import io.centrasync.camel.StoreFleet;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three stores declared in one configuration, three simulators (one refuses its store's token), one H2 file: each
 * store syncs into its own schema, and the refused one leaves the others green.
 */
class StoresTest {

    static final List<String> STORES = List.of("alpha", "beta", "gamma");
    static final int[] ORDERS = {120, 240, 60};

    @Test
    void eachStoreSyncsIntoItsOwnSchemaAndARefusedTokenLeavesTheOthersGreen(@TempDir Path dir) throws Exception {
        try (Simulators sims = Simulators.start()) {
            Map<String, String> env = sims.env(dir);
            CommandLineTest.Result all = CommandLineTest.cli(env, "sync", "orders");
            assertEquals(1, all.code(), "one store failed:\n" + all.all());
            for (String store : STORES) {
                assertTrue(all.out().contains("== store " + store + " =="), all.all());
            }
            assertTrue(all.all().contains("refused"), "gamma's refused token is reported:\n" + all.all());
            assertFalse(all.all().contains("wrong-token"), "the token itself never shows");
            assertEquals(ORDERS[0], count(env, "alpha.orders"));
            assertEquals(ORDERS[1], count(env, "beta.orders"));
            assertEquals(0, count(env, "gamma.orders"), "nothing of the refused store");

            CommandLineTest.Result one = CommandLineTest.cli(env, "sync", "orders", "--store", "beta");
            assertEquals(0, one.code(), one.all());
            assertFalse(one.out().contains("== store"), "one store, as without stores:\n" + one.out());
            CommandLineTest.Result status = CommandLineTest.cli(env, "status", "--store", "alpha", "--json");
            assertEquals(0, status.code(), status.all());
            assertTrue(status.out().contains("\"orders\""), status.out());
            CommandLineTest.Result unknown = CommandLineTest.cli(env, "sync", "--store", "delta");
            assertEquals(2, unknown.code());
            assertEquals("centra-sync: unknown store 'delta'; declared: alpha, beta, gamma", unknown.err().strip());
        }
    }

    /**
     * {@code run}: the stores in one process, a fourth with a mapping folder that does not exist; health and metrics per
     * store, and the good stores synced on their schedule.
     */
    @Test
    void runServesEveryStoreWithHealthAndMetricsOfItsOwn(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Simulators sims = Simulators.start()) {
            Map<String, String> env = sims.env(dir);
            env.put("STORES", "alpha,beta,gamma,delta");
            env.put("STORES_DELTA_CENTRA_ENDPOINT", sims.sims[0].endpoint());
            env.put("STORES_DELTA_CENTRA_TOKEN", "tok-0");
            env.put("STORES_DELTA_MAPPINGS_DIR", dir.resolve("no-such-folder").toString());
            env.put("SCHEDULE_ORDERS", "0/1 * * * * ?");
            env.put("CAMEL_MANAGEMENT_PORT", Integer.toString(port));
            try (StoreFleet fleet = StoreFleet.create(Settings.load(env, new Properties()), env)) {
                fleet.start();
                assertEquals(List.of("alpha", "beta", "gamma"), fleet.started(), "delta cannot start; the others do");
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline && (count(env, "alpha.orders") < ORDERS[0] || count(env, "beta.orders") < ORDERS[1])) {
                    Thread.sleep(200);
                }
                assertEquals(ORDERS[0], count(env, "alpha.orders"));
                assertEquals(ORDERS[1], count(env, "beta.orders"));
                HttpClient http = HttpClient.newHttpClient();
                String health = get(http, port, "/observe/health?exposureLevel=full");
                assertTrue(health.matches("(?s).*\"centra-token-gamma\".*?\"DOWN\".*"), health);
                assertTrue(health.matches("(?s).*\"centra-store-delta\".*?\"DOWN\".*"), health);
                assertTrue(health.matches("(?s).*\"centra-token-alpha\".*?\"UP\".*"), health);
                String metrics = get(http, port, "/observe/metrics");
                assertTrue(metrics.contains("centra_sync_records_read_total{entity=\"orders\",store=\"alpha\"}"), metrics);
                assertTrue(metrics.contains("centra_sync_records_read_total{entity=\"orders\",store=\"beta\"}"), metrics);
                assertTrue(metrics.contains("store=\"gamma\""), metrics);
            }
            assertEquals(0, count(env, "gamma.orders"));
        }
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long count(Map<String, String> env, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(env.get("SINK_JDBC_URL"), "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
                    || e.getErrorCode() == org.h2.api.ErrorCode.SCHEMA_NOT_FOUND_1) {
                return 0;
            }
            throw e;
        }
    }

    /** One simulator per store, each with its own token; gamma's store is given a wrong one. */
    private record Simulators(CentraSimulator[] sims) implements AutoCloseable {

        static Simulators start() {
            CentraSimulator[] sims = new CentraSimulator[STORES.size()];
            for (int i = 0; i < sims.length; i++) {
                sims[i] = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(ORDERS[i]).withSeed(i + 1)
                        .withToken("tok-" + i));
            }
            return new Simulators(sims);
        }

        Map<String, String> env(Path dir) {
            Map<String, String> env = new HashMap<>();
            // AUTO_SERVER: this test looks in while the connector has the file open
            env.put("SINK_JDBC_URL", "jdbc:h2:file:" + dir.resolve("stores").toAbsolutePath() + ";AUTO_SERVER=TRUE");
            env.put("SINK_H2_COMPACT_INTERVAL", "PT0S");
            env.put("STORES", String.join(",", STORES));
            for (int i = 0; i < STORES.size(); i++) {
                String prefix = "STORES_" + STORES.get(i).toUpperCase() + "_";
                env.put(prefix + "CENTRA_ENDPOINT", sims[i].endpoint());
                env.put(prefix + "CENTRA_TOKEN", STORES.get(i).equals("gamma") ? "wrong-token" : "tok-" + i);
            }
            return env;
        }

        @Override
        public void close() {
            for (CentraSimulator sim : sims) {
                sim.close();
            }
        }
    }
}
