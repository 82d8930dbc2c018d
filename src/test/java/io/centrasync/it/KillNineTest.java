package io.centrasync.it;

import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimAttribute;
import io.centrasync.simulator.SimAttributeElement;
import io.centrasync.simulator.SimLine;
import io.centrasync.simulator.SimOrder;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code kill -9} of a backfill at five random points (seeded; {@code -Dcrash.seed=N} to explore
 * others), spread from start-up to late in the run. After each kill the database holds whole pages
 * only, each with its checkpoint, and whole orders only (all lines, all attributes). Between kills
 * orders change and new ones arrive. A final {@code sync} resumes after the last committed page and
 * the next one leaves the tables exactly equal to the simulator's data.
 */
class KillNineTest {

    static final int ORDERS = 2000;
    static final int PAGE = 20;
    static final long SEED = 20_240_917L;
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /** The connector's DEBUG line after each page's commit. */
    static final String COMPACTION_STARTS = "H2 file compaction starts";
    static final Pattern COMMITTED = Pattern.compile("orders: page (\\d+) committed");

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashDatabase.Kind.class)
    void aBackfillKilledFiveTimesResumesAndConverges(CrashDatabase.Kind kind, @TempDir Path dir) throws Exception {
        long seed = Long.getLong("crash.seed", SEED);
        Random random = new Random(seed);
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(ORDERS).withToken(SyncHarness.TOKEN));
             CrashDatabase db = kind == CrashDatabase.Kind.H2 ? CrashDatabase.h2File(dir) : CrashDatabase.postgres()) {
            Map<String, String> env = db.env(null);
            env.put("CENTRA_ENDPOINT", sim.endpoint());
            env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
            env.put("MAPPINGS_DIR", SmallPages.ordersMapping(dir, PAGE).toString());
            env.put("LOG_LEVEL", "DEBUG"); // "orders: run ... starts" tells when the run has begun
            if (kind == CrashDatabase.Kind.H2) {
                // compact the file as often as it can, so that kills also land in the middle of a compaction
                env.put("SINK_H2_COMPACT_INTERVAL", "PT0.1S");
                env.put("SINK_H2_COMPACT_GROWTH", "1");
            }
            int compactions = 0;
            int killedDuringCompaction = 0;
            Set<String> changedDuringBackfill = new TreeSet<>();

            for (int kill = 1; kill <= 5; kill++) {
                long launched = System.nanoTime();
                ConnectorProcess sync = ConnectorProcess.start(env, dir.resolve("kill-" + kill + ".log"), "sync", "orders");
                String where;
                long committedBeforeKill = 0;
                if (kill == 1) {
                    // during start-up (tables being created, the run being begun), at the latest as the run starts
                    long delay = 200 + random.nextInt(2500);
                    boolean started = sync.awaitOutput("orders: run ", Duration.ofMillis(delay));
                    where = "kill 1 (seed " + seed + "), " + (started ? "as the run started" : delay + " ms after launch, during start-up");
                } else {
                    // kills 2-5 land at 5-25 %, 25-45 %, 45-65 % and 65-85 % of the orders, inside a page
                    long target = (long) ORDERS * (5 + 20 * (kill - 2) + random.nextInt(20)) / 100;
                    int withinPage = random.nextInt(60);
                    committedBeforeKill = awaitRows(sync, target);
                    if (kind == CrashDatabase.Kind.H2 && kill % 2 == 1) {
                        // kills 3 and 5: the moment the next compaction of the H2 file starts
                        int started = count(sync.output(), COMPACTION_STARTS);
                        awaitOutputCount(sync, COMPACTION_STARTS, started + 1);
                        committedBeforeKill = committed(sync.output());
                        where = "kill " + kill + " (seed " + seed + "), as a compaction started after " + committedBeforeKill + " orders were in";
                    } else {
                        Thread.sleep(withinPage);
                        where = "kill " + kill + " (seed " + seed + "), " + withinPage + " ms after " + committedBeforeKill + " orders were in";
                    }
                }
                assertTrue(sync.alive(), where + ": the connector ended before it was killed:\n" + sync.output());
                sync.kill();
                db.ownerKilled();
                compactions += count(sync.output(), "H2 file compacted");
                killedDuringCompaction += count(sync.output(), COMPACTION_STARTS) - count(sync.output(), "H2 file compacted");
                long checking = System.nanoTime();
                assertWholePagesAndOrders(db, sim, where, committedBeforeKill);
                System.out.printf("%s %s: %d orders in the database after the kill; killed %.1f s after launch, checked in %.1f s%n",
                        db, where, db.count("orders"), (checking - launched) / 1e9, (System.nanoTime() - checking) / 1e9);
                // Centra moves on while the backfill is down: changes behind and ahead of its position, new orders
                sim.store().touchOrders(3).forEach(o -> changedDuringBackfill.add(o.id()));
                sim.store().addOrders(3).forEach(o -> changedDuringBackfill.add(o.id()));
            }

            if (kind == CrashDatabase.Kind.H2) {
                System.out.printf("%s: %d compactions before the kills, %d kills in the middle of one%n", db, compactions,
                        killedDuringCompaction);
                assertTrue(compactions > 0, "the kills landed among compactions");
                assertTrue(killedDuringCompaction > 0, "kill 3 or 5 landed in the middle of a compaction");
            }
            long committed = db.count("orders");
            ConnectorProcess resumed = ConnectorProcess.start(env, dir.resolve("resumed.log"), "sync", "orders");
            long launched = System.nanoTime();
            assertEquals(0, resumed.waitFor(RUN_TIMEOUT), resumed.output());
            System.out.printf("%s resumed run: %.1f s from launch to exit%n%s", db, (System.nanoTime() - launched) / 1e9, resumed.output());
            assertTrue(resumed.output().contains("resuming an interrupted run after page " + committed / PAGE), resumed.output());
            long total = sim.store().orders().count();
            assertEquals(total - committed, recordsRead(resumed.output()), "the resumed run reads only what follows its last committed page");
            assertEquals(total, db.count("orders"));
            Set<String> stale = staleOrders(db, sim);
            assertTrue(changedDuringBackfill.containsAll(stale), "only orders changed during the backfill may lag behind: " + stale);
            // the killed runs' rows (kill 1 may come before its run's row): ended by the resumed run, none left running
            assertEquals(List.of(), db.query("SELECT run_id, status FROM sync_runs WHERE status IN ('running', 'resumed')"));
            List<Map<String, Object>> abandoned = db.query("SELECT run_id FROM sync_runs WHERE status = 'abandoned'"
                    + " AND finished_at IS NOT NULL");
            assertTrue(abandoned.size() >= 4, "the killed runs are abandoned: " + db.query("SELECT run_id, status FROM sync_runs"));
            // the last one killed held the checkpoint the resumed run started from: its record says where that was
            assertEquals(1, db.query("SELECT run_id FROM sync_runs WHERE status = 'abandoned' AND error LIKE '%its checkpoint was at page "
                    + committed / PAGE + ", where the next run resumes'").size(), db.query("SELECT status, error FROM sync_runs").toString());

            // the next run picks up what changed behind the backfill's position, as any incremental run does
            assertEquals(0, syncInProcess(env), "incremental sync after the backfill");
            assertDatabaseEqualsSource(db, sim);
        }
    }

    /**
     * Waits until the connector logged that the orders of {@code target} were committed; returns the orders committed
     * then. (From the log, not the database: an H2 file is closed now and then by a compaction, and looking in
     * through its AUTO_SERVER would then wait for the lock.)
     */
    private static long awaitRows(ConnectorProcess sync, long target) throws Exception {
        long end = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            long committed = committed(sync.output());
            if (committed >= target) {
                return committed;
            }
            if (!sync.alive()) {
                fail("the connector ended before " + target + " orders were in:\n" + sync.output());
            }
            Thread.sleep(5);
        }
        throw new AssertionError("fewer than " + target + " orders after " + RUN_TIMEOUT + ":\n" + sync.output());
    }

    /** The orders committed by the last page the connector logged. */
    private static long committed(String output) {
        long committed = 0;
        Matcher m = COMMITTED.matcher(output);
        while (m.find()) {
            committed = Long.parseLong(m.group(1)) * PAGE;
        }
        return committed;
    }

    private static void awaitOutputCount(ConnectorProcess sync, String part, int times) throws InterruptedException {
        long end = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (count(sync.output(), part) < times) {
            if (!sync.alive() || System.nanoTime() > end) {
                fail("no compaction started:\n" + sync.output());
            }
            Thread.sleep(1);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * What a kill may leave: whole pages, each with its checkpoint (every page of a backfill holds
     * PAGE new orders, so rows = run_pages * PAGE exactly), and whole orders.
     */
    private static void assertWholePagesAndOrders(CrashDatabase db, CentraSimulator sim, String where, long committedBeforeKill)
            throws SQLException {
        try (Connection c = db.connect()) { // H2: opens the file as the killed process left it
            List<Map<String, Object>> state = queryIfExists(c, "SELECT run_id, run_pages FROM sync_state WHERE entity = 'orders'");
            long pages = state.isEmpty() || state.get(0).get("run_pages") == null ? 0 : ((Number) state.get(0).get("run_pages")).longValue();
            long rows = CrashDatabase.count(c, "orders");
            assertEquals(pages * PAGE, rows, where + ": rows and checkpoint must move together (run_pages = " + pages + ")");
            assertTrue(rows >= committedBeforeKill, where + ": nothing committed is lost, but " + committedBeforeKill
                    + " orders were committed before the kill and " + rows + " are left");
            assertEquals(0, queryIfExists(c, "SELECT run_id FROM sync_runs WHERE status = 'ok'").size(), where + ": no run completed");

            Set<String> ids = queryIfExists(c, "SELECT id FROM orders").stream().map(r -> (String) r.get("id")).collect(Collectors.toSet());
            List<SimOrder> present = sim.store().orders().filter(o -> ids.contains(o.id())).toList();
            assertEquals(ids.size(), present.size(), where + ": every order row is a Centra order");
            assertSameKeys(lineKeys(present), Expected.rows(queryIfExists(c, "SELECT order_id, line_id FROM order_lines"),
                    "order_id", "line_id"), where + ": every order has all its lines, no more");
            assertSameKeys(attributeKeys(present), Expected.rows(queryIfExists(c,
                    "SELECT order_id, attribute_type, element_key FROM order_attributes"), "order_id", "attribute_type", "element_key"),
                    where + ": every order has all its attributes, no more");
        }
    }

    /** Like assertEquals, but names only what is missing or extra. */
    private static void assertSameKeys(TreeSet<String> expected, TreeSet<String> actual, String message) {
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        TreeSet<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail(message + ": " + missing.size() + " missing, e.g. " + missing.stream().limit(5).toList() + "; " + extra.size()
                    + " extra, e.g. " + extra.stream().limit(5).toList());
        }
    }

    private static TreeSet<String> lineKeys(List<SimOrder> orders) {
        TreeSet<String> keys = new TreeSet<>();
        for (SimOrder o : orders) {
            for (SimLine l : o.allLines()) {
                keys.add(Expected.line(o.id(), l.id()));
            }
        }
        return keys;
    }

    private static TreeSet<String> attributeKeys(List<SimOrder> orders) {
        TreeSet<String> keys = new TreeSet<>();
        for (SimOrder o : orders) {
            for (SimAttribute a : o.attributes()) {
                for (SimAttributeElement e : a.elements()) {
                    keys.add(Expected.line(o.id(), a.typeName(), e.key()));
                }
            }
        }
        return keys;
    }

    /** A table the killed process had not created yet reads as empty. */
    private static List<Map<String, Object>> queryIfExists(Connection c, String sql) throws SQLException {
        try {
            return CrashDatabase.query(c, sql);
        } catch (SQLException e) {
            if (CrashDatabase.tableNotThereYet(e)) {
                return List.of();
            }
            throw e;
        }
    }

    /** Orders whose row differs from the simulator's current version. */
    private static Set<String> staleOrders(CrashDatabase db, CentraSimulator sim) {
        List<SimOrder> source = sim.store().orders().toList();
        Set<String> actual = Expected.rows(db.query("SELECT * FROM orders"), ORDER_COLUMNS);
        return source.stream().filter(o -> !actual.contains(Expected.orders(List.of(o)).first())).map(SimOrder::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static final String[] ORDER_COLUMNS = {"id", "number", "store_type", "status", "created_at", "updated_at", "currency", "grand_total"};

    static void assertDatabaseEqualsSource(CrashDatabase db, CentraSimulator sim) {
        List<SimOrder> orders = sim.store().orders().toList();
        assertEquals(Expected.orders(orders), Expected.rows(db.query("SELECT * FROM orders"), ORDER_COLUMNS));
        assertEquals(Expected.orderLines(orders), Expected.rows(db.query("SELECT * FROM order_lines"),
                "order_id", "line_id", "sku", "ean", "quantity", "cancelled_quantity", "unit_price", "line_value"));
        assertEquals(Expected.orderAttributes(orders), Expected.rows(db.query("SELECT * FROM order_attributes"),
                "order_id", "attribute_type", "element_key", "element_value"));
    }

    /** Records read, from the summary line of {@code sync orders}. */
    static long recordsRead(String output) {
        Matcher m = Pattern.compile("(?m)^orders\\s+(\\d+)\\s+\\d+\\s+\\d+").matcher(output);
        assertTrue(m.find(), "no summary line for orders in:\n" + output);
        return Long.parseLong(m.group(1));
    }

    /** {@code sync orders} in this JVM, through the command line's own entry point; returns the exit code. */
    static int syncInProcess(Map<String, String> env) {
        CommandLineTest.Result result = CommandLineTest.cli(env, "sync", "orders");
        if (result.code() != 0) {
            System.err.println(result.all());
        }
        return result.code();
    }
}
