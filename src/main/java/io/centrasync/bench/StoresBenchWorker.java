package io.centrasync.bench;

import io.centrasync.camel.Settings;
import io.centrasync.camel.StoreFleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The connector JVM of {@link StoresBench}: {@code n} stores of one simulator in a {@link StoreFleet}, as {@code run}
 * has them, each syncing its orders once on its schedule; prints the time until every store's backfill ended, the
 * heap after a major collection and the peak RSS, then drops its schemas.
 */
public final class StoresBenchWorker {

    static final String TOKEN = "BENCH_CENTRA_TOKEN";
    static final String PASSWORD = "BENCH_DB_PASSWORD";
    private static final long TIMEOUT_SECONDS = 900;

    private StoresBenchWorker() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int orders = Integer.parseInt(args[1]);
        String endpoint = args[2];
        String url = args[3];
        String user = args[4];
        String password = System.getenv().getOrDefault(PASSWORD, "");
        String run = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        List<String> names = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            String name = String.format(Locale.ROOT, "%s_s%02d", run, i);
            names.add(name);
            String prefix = "STORES_" + name.toUpperCase(Locale.ROOT) + "_";
            env.put(prefix + "CENTRA_ENDPOINT", endpoint);
            env.put(prefix + "CENTRA_TOKEN", System.getenv(TOKEN));
        }
        env.put("STORES", String.join(",", names));
        env.put("SINK_JDBC_URL", url);
        env.put("SINK_JDBC_USER", user);
        env.put("SINK_JDBC_PASSWORD", password);
        env.put("OBSERVE_ENABLED", "false");
        // nothing on a schedule: every store's orders run is fired at once, when all have started
        for (String other : List.of("ORDERS", "INVENTORY", "PURCHASE_ORDERS", "PURCHASE_ORDER_DELIVERIES")) {
            env.put("SCHEDULE_" + other, "0 0 0 1 1 ?");
        }
        double startSeconds;
        double seconds;
        ResourceMonitor.Peaks peaks;
        try (ResourceMonitor monitor = new ResourceMonitor();
             StoreFleet fleet = StoreFleet.create(Settings.load(env, new Properties()), env)) {
            long started = System.nanoTime();
            fleet.start();
            startSeconds = (System.nanoTime() - started) / 1e9;
            fleet.triggerNow("orders");
            awaitBackfills(url, user, password, names);
            seconds = backfillWindow(url, user, password, names);
            System.gc();
            peaks = monitor.stop();
        } finally {
            dropSchemas(url, user, password, names);
        }
        System.out.printf(Locale.ROOT, "%s%d %d %.1f %.0f %d %d %.1f%n", StoresBench.RESULT, n, (long) n * orders, seconds,
                n * orders / seconds, peaks.heapAfterGcMb(), peaks.rssMb(), startSeconds);
        System.exit(0);
    }

    /** Until every store recorded a finished orders run. */
    private static void awaitBackfills(String url, String user, String password, List<String> stores) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        List<String> waiting = new ArrayList<>(stores);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            while (!waiting.isEmpty()) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException(waiting.size() + " stores did not finish within " + TIMEOUT_SECONDS + " s");
                }
                waiting.removeIf(store -> finished(s, store));
                Thread.sleep(50);
            }
        }
    }

    /** Seconds from the first store's backfill start to the last one's end, as their run rows say. */
    private static double backfillWindow(String url, String user, String password, List<String> stores) throws SQLException {
        java.sql.Timestamp first = null;
        java.sql.Timestamp last = null;
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String store : stores) {
                try (ResultSet rs = s.executeQuery("SELECT MIN(started_at), MAX(finished_at) FROM " + store
                        + ".sync_runs WHERE entity = 'orders' AND status = 'ok'")) {
                    rs.next();
                    first = first == null || rs.getTimestamp(1).before(first) ? rs.getTimestamp(1) : first;
                    last = last == null || rs.getTimestamp(2).after(last) ? rs.getTimestamp(2) : last;
                }
            }
        }
        return Math.max(0.001, (last.getTime() - first.getTime()) / 1000.0);
    }

    /** Whether the store's orders run ended well; a failed one ends the bench with its error. */
    private static boolean finished(Statement s, String store) {
        try (ResultSet rs = s.executeQuery("SELECT status, error FROM " + store + ".sync_runs WHERE entity = 'orders'"
                + " AND status NOT IN ('running', 'resumed')")) {
            while (rs.next()) {
                if (!"ok".equals(rs.getString(1))) {
                    throw new IllegalStateException("store " + store + ": the orders run ended " + rs.getString(1) + ": " + rs.getString(2));
                }
                return true;
            }
            return false;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private static void dropSchemas(String url, String user, String password, List<String> stores) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String store : stores) {
                s.execute("DROP SCHEMA IF EXISTS " + store + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("bench stores: schemas not dropped: " + e.getMessage());
        }
    }
}
