package io.centrasync.it;

import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The database goes away in the middle of a backfill: a loopback proxy between the connector and
 * the database (an H2 TCP server, or PostgreSQL) drops every connection and refuses new ones. A
 * short outage is waited out and the run completes; one longer than {@code sink.outage-timeout}
 * fails the run with exit 1 and one line, keeps every committed page, and the next run resumes.
 */
class DatabaseOutageTest {

    static final int ORDERS = 1000;
    static final int PAGE = 20;
    static final long CUT_AT = 300;
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static Map<String, String> env(CrashDatabase db, TcpProxy proxy, CentraSimulator sim, Path dir, String outageTimeout)
            throws Exception {
        Map<String, String> env = db.env(proxy.port());
        env.put("CENTRA_ENDPOINT", sim.endpoint());
        env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
        env.put("MAPPINGS_DIR", SmallPages.ordersMapping(dir, PAGE).toString());
        env.put("SINK_OUTAGE_TIMEOUT", outageTimeout);
        env.put("SINK_CONNECTION_TIMEOUT", "PT1S");
        env.put("SINK_RETRY_BACKOFF", "PT0.2S");
        env.put("SINK_RETRY_BACKOFF_MAX", "PT1S");
        return env;
    }

    private static CrashDatabase open(CrashDatabase.Kind kind, Path dir) {
        return kind == CrashDatabase.Kind.H2 ? CrashDatabase.h2Server(dir) : CrashDatabase.postgres();
    }

    private static CentraSimulator simulator() {
        return CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(ORDERS).withToken(SyncHarness.TOKEN));
    }

    private static CompletableFuture<CommandLineTest.Result> syncInBackground(Map<String, String> env) {
        CompletableFuture<CommandLineTest.Result> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(CommandLineTest.cli(env, "sync", "orders"));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "sync-under-test");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** Waits, looking past the proxy, until the run has committed {@code target} orders. */
    private static long awaitRows(CrashDatabase db, CompletableFuture<CommandLineTest.Result> sync, long target) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        try (Connection c = db.connect()) {
            while (System.nanoTime() < end) {
                long rows = CrashDatabase.count(c, "orders");
                if (rows >= target) {
                    return rows;
                }
                if (sync.isDone()) {
                    fail("the sync ended before " + target + " orders were in:\n" + sync.get().all());
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("fewer than " + target + " orders after " + TIMEOUT);
    }

    private static long runPages(CrashDatabase db) {
        Object pages = db.query("SELECT run_pages FROM sync_state WHERE entity = 'orders'").get(0).get("run_pages");
        return pages == null ? 0 : ((Number) pages).longValue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashDatabase.Kind.class)
    void anOutageShorterThanTheBoundIsWaitedOut(CrashDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (CentraSimulator sim = simulator(); CrashDatabase db = open(kind, dir); TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            CompletableFuture<CommandLineTest.Result> sync = syncInBackground(env(db, proxy, sim, dir, "PT60S"));
            awaitRows(db, sync, CUT_AT);

            proxy.cut();
            long atCut = db.count("orders");
            Thread.sleep(3000);
            assertFalse(sync.isDone(), "the run waits for the database instead of failing");
            assertEquals(atCut, db.count("orders"), "nothing gets through while the proxy is cut");
            assertTrue(proxy.dropped() > 0, "the cut dropped the connector's open connections");
            proxy.restore();

            CommandLineTest.Result result = sync.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0, result.code(), result.all());
            assertEquals(ORDERS, KillNineTest.recordsRead(result.out()), "one run read every order once");
            assertEquals(List.of(Map.of("status", "ok")), db.query("SELECT status FROM sync_runs"));
            KillNineTest.assertDatabaseEqualsSource(db, sim);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashDatabase.Kind.class)
    void anOutageLongerThanTheBoundFailsTheRunWithOneLineAndTheNextRunResumes(CrashDatabase.Kind kind, @TempDir Path dir)
            throws Exception {
        try (CentraSimulator sim = simulator(); CrashDatabase db = open(kind, dir); TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            Map<String, String> env = env(db, proxy, sim, dir, "PT3S");
            CompletableFuture<CommandLineTest.Result> sync = syncInBackground(env);
            long committedBeforeCut = awaitRows(db, sync, CUT_AT);

            proxy.cut();
            long cut = System.nanoTime();
            CommandLineTest.Result failed = sync.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            double waited = (System.nanoTime() - cut) / 1e9;
            assertEquals(1, failed.code(), failed.all());
            assertTrue(waited >= 3, "gave up after " + waited + " s, before sink.outage-timeout (PT3S)");
            List<String> failures = failed.all().lines().filter(l -> l.contains("FAILED")).toList();
            assertEquals(1, failures.size(), failed.all());
            assertTrue(failures.get(0).contains("database was unreachable for longer than sink.outage-timeout (PT3S"), failures.get(0));
            assertEquals("", failed.err(), "the summary says it; nothing else is printed");

            long rows = db.count("orders");
            assertTrue(rows >= committedBeforeCut, "committed pages stay: " + committedBeforeCut + " were in, " + rows + " are left");
            assertEquals(runPages(db) * PAGE, rows, "the checkpoint covers exactly the committed rows");

            proxy.restore();
            CommandLineTest.Result rerun = CommandLineTest.cli(env, "sync", "orders");
            assertEquals(0, rerun.code(), rerun.all());
            assertEquals(ORDERS - rows, KillNineTest.recordsRead(rerun.out()), "the next run resumes after the last committed page");
            KillNineTest.assertDatabaseEqualsSource(db, sim);
        }
    }

    /**
     * SIGTERM while the database is away (a container stopped during an outage): the process ends well within
     * Docker's 10 s grace instead of waiting out one sink.connection-timeout after another, and says so; the
     * next sync, with the database back, resumes after the last committed page.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashDatabase.Kind.class)
    void aStopDuringAnOutageEndsWithinTenSeconds(CrashDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (CentraSimulator sim = simulator(); CrashDatabase db = open(kind, dir); TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            Map<String, String> env = env(db, proxy, sim, dir, "PT2M");
            env.put("SINK_CONNECTION_TIMEOUT", "PT10S"); // as shipped
            ConnectorProcess sync = ConnectorProcess.start(env, dir.resolve("stopped.log"), "sync");
            try (Connection c = db.connect()) {
                long end = System.nanoTime() + TIMEOUT.toNanos();
                while (CrashDatabase.count(c, "orders") < CUT_AT && System.nanoTime() < end && sync.alive()) {
                    Thread.sleep(10);
                }
            }
            proxy.cut();
            Thread.sleep(1500); // the run is waiting for the database now
            assertTrue(sync.alive(), sync.output());
            long signalled = System.nanoTime();
            sync.terminate();
            int code = sync.waitFor(Duration.ofSeconds(30));
            double seconds = (System.nanoTime() - signalled) / 1e9;
            assertTrue(seconds < 10, "ended " + seconds + " s after SIGTERM:\n" + sync.output());
            assertEquals(143, code, sync.output());
            assertTrue(sync.output().contains("STOPPED") && sync.output().contains("Not started, as a stop was asked for: inventory"),
                    sync.output());

            long committed = db.count("orders");
            proxy.restore();
            CommandLineTest.Result rerun = CommandLineTest.cli(env, "sync", "orders");
            assertEquals(0, rerun.code(), rerun.all());
            assertEquals(ORDERS - committed, KillNineTest.recordsRead(rerun.out()), "the next run resumes after the last committed page");
            KillNineTest.assertDatabaseEqualsSource(db, sim);
        }
    }
}
