package io.centrasync.it;

import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three {@code run} processes on one PostgreSQL database with {@code cluster.enabled}: a backfill runs on one node at
 * a time. The node running it is killed (kill -9) and another resumes it from the committed checkpoint; then that
 * node is paused (SIGSTOP) and the third takes the run over; resumed (SIGCONT), the paused node commits nothing.
 * At the end the tables equal the simulator's, and the run history never shows the entity on two nodes at once.
 */
class ClusterTest {

    static final int ORDERS = 4000;
    static final int PAGE = 20;
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** How long the resumed node is watched for commits: some cron fires. */
    static final Duration RESUMED_WATCH = Duration.ofSeconds(5);
    static final Path LOGS = Path.of("target", "cluster-test");
    static final Pattern COMMITTED = Pattern.compile("(?m)^.*orders: page (\\d+) committed.*$");

    @Test
    void aBackfillSurvivesAKilledAndAPausedNode(@TempDir Path dir) throws Exception {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(ORDERS).withToken(SyncHarness.TOKEN));
             CrashDatabase db = CrashDatabase.postgres()) {
            Map<String, String> env = db.env(null);
            env.put("CENTRA_ENDPOINT", sim.endpoint());
            env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
            env.put("MAPPINGS_DIR", SmallPages.ordersMapping(dir, PAGE).toString());
            env.put("LOG_LEVEL", "DEBUG"); // a line per committed page
            env.put("CLUSTER_ENABLED", "true");
            env.put("CLUSTER_CHECKIN_INTERVAL", "PT1S");
            env.put("SINK_IDLE_IN_TRANSACTION_TIMEOUT", "PT3S");
            env.put("OBSERVE_ENABLED", "false");
            env.put("SCHEDULE_ORDERS", "0/2 * * * * ?");
            for (String other : List.of("INVENTORY", "PURCHASE_ORDERS", "PURCHASE_ORDER_DELIVERIES")) {
                env.put("SCHEDULE_" + other, "0 0 0 1 1 ?");
            }
            List<ConnectorProcess> nodes = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    nodes.add(ConnectorProcess.start(env, dir.resolve("node-" + i + ".log"), "run"));
                }
                // 1. the node running the backfill is killed after 30 pages
                ConnectorProcess first = awaitPages(nodes, 30);
                long killed = System.nanoTime();
                first.kill();
                long firstCommitted = lastPage(first.output()); // its log is final now
                ConnectorProcess second = awaitPages(nodes, 1, first);
                double failover = (System.nanoTime() - killed) / 1e9;
                System.out.printf("killed node %d after page %d; node %d committed its next page %.1f s later%n",
                        first.pid(), firstCommitted, second.pid(), failover);
                // where the new node resumes: the killed one's last page, or the one after it if the kill fell between that
                // page's commit and its log line
                Matcher resumed = Pattern.compile("resuming an interrupted run after page (\\d+)").matcher(second.output());
                assertTrue(resumed.find(), second.output());
                long resumedAfter = Long.parseLong(resumed.group(1));
                assertTrue(resumedAfter == firstCommitted || resumedAfter == firstCommitted + 1,
                        "resumed after page " + resumedAfter + ", the killed node logged page " + firstCommitted + " last");

                // 2. the node that took over is paused after 30 more pages; the third takes the run over
                long secondStart = lastPage(second.output());
                awaitPageOf(second, secondStart + 30);
                second.pause();
                long paused = System.nanoTime();
                long secondCommitted = lastPage(second.output());
                ConnectorProcess third = awaitPages(nodes, 1, first, second);
                System.out.printf("paused node %d after page %d; node %d committed its next page %.1f s later%n",
                        second.pid(), secondCommitted, third.pid(), (System.nanoTime() - paused) / 1e9);
                // the paused node's sessions, which may hold the rows of its page in hand, were ended by the node taking over
                assertTrue(third.output().contains("database session(s) of process " + second.pid()), third.output());
                String secondBefore = second.output();
                second.resume();
                // its page in hand fails: the checkpoint is another run's now, or the server ended its idle transaction
                long failures = second.output().split("orders: run failed", -1).length - 1;
                assertTrue(awaitOutputCount(second, "orders: run failed", failures + 1),
                        "the resumed node's run fails:\n" + second.output());
                String secondAfter = second.output().substring(secondBefore.length());
                String untilFailed = secondAfter.substring(0, secondAfter.indexOf("orders: run failed"));
                // a line may come late, for a page committed just before the pause; none is past where the third resumed
                Matcher taken = Pattern.compile("resuming an interrupted run after page (\\d+)").matcher(third.output());
                assertTrue(taken.find(), third.output());
                long takenAfter = Long.parseLong(taken.group(1));
                Matcher late = COMMITTED.matcher(untilFailed);
                while (late.find()) {
                    assertTrue(Long.parseLong(late.group(1)) <= takenAfter,
                            "the resumed node commits nothing after the takeover at page " + takenAfter + ":\n" + secondAfter);
                }
                // its cron fires meanwhile (every 2 s, and those it missed) find the run live on the third node: no run begins
                Thread.sleep(RESUMED_WATCH.toMillis());
                if (!backfillCompleted(db)) {
                    String watched = second.output().substring(secondBefore.length());
                    assertFalse(watched.contains("orders: run ") && watched.contains(" starts, backfill"),
                            "the resumed node begins no run while the third holds it:\n" + watched);
                }

                // 3. the backfill completes on the third node (or any)
                awaitCompleted(db);
                KillNineTest.assertDatabaseEqualsSource(db, sim);
                for (ConnectorProcess node : nodes) {
                    if (node.alive()) {
                        node.terminate();
                        node.waitFor(Duration.ofSeconds(30));
                    }
                }
                assertOneNodeAtATime(db.query("SELECT run_id, started_at, finished_at, status, node, pid FROM sync_runs"
                        + " WHERE entity = 'orders' ORDER BY started_at"));
                assertEquals(List.of(), db.query("SELECT run_id FROM sync_runs WHERE status IN ('running', 'resumed')"));
            } finally {
                for (ConnectorProcess node : nodes) {
                    if (node.alive()) {
                        node.resume();
                        node.kill();
                    }
                }
                // the nodes' logs, for a look after a failure
                java.nio.file.Files.createDirectories(LOGS);
                for (int i = 1; i <= nodes.size(); i++) {
                    java.nio.file.Files.copy(dir.resolve("node-" + i + ".log"), LOGS.resolve("node-" + i + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Waits until a node other than {@code except} has committed {@code pages} pages of orders since it started; returns it. */
    private static ConnectorProcess awaitPages(List<ConnectorProcess> nodes, int pages, ConnectorProcess... except) throws Exception {
        List<ConnectorProcess> others = new ArrayList<>(nodes);
        others.removeAll(java.util.Arrays.asList(except));
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            for (ConnectorProcess node : others) {
                if (pagesCommitted(node.output()) >= pages) {
                    return node;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no node committed " + pages + " pages within " + TIMEOUT);
    }

    private static boolean awaitOutputCount(ConnectorProcess node, String text, long times) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (node.output().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static void awaitPageOf(ConnectorProcess node, long page) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (lastPage(node.output()) < page) {
            if (System.nanoTime() > end || !node.alive()) {
                fail("node " + node.pid() + " did not reach page " + page + ":\n" + node.output());
            }
            Thread.sleep(5);
        }
    }

    private static long pagesCommitted(String output) {
        Matcher m = COMMITTED.matcher(output);
        long pages = 0;
        while (m.find()) {
            pages++;
        }
        return pages;
    }

    private static long lastPage(String output) {
        Matcher m = COMMITTED.matcher(output);
        long page = 0;
        while (m.find()) {
            page = Long.parseLong(m.group(1));
        }
        return page;
    }

    private static boolean backfillCompleted(CrashDatabase db) {
        return !db.query("SELECT run_id FROM sync_runs WHERE entity = 'orders' AND status = 'ok' AND records > 0").isEmpty();
    }

    private static void awaitCompleted(CrashDatabase db) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (backfillCompleted(db)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the backfill did not complete: " + db.query("SELECT * FROM sync_runs"));
    }

    /** Each run ended (or was taken over) before the next began: never two runs of the entity at once. */
    private static void assertOneNodeAtATime(List<Map<String, Object>> runs) {
        System.out.println("orders runs:");
        runs.forEach(r -> System.out.println("  " + r));
        for (int i = 1; i < runs.size(); i++) {
            Timestamp previousEnd = (Timestamp) runs.get(i - 1).get("finished_at");
            Timestamp start = (Timestamp) runs.get(i).get("started_at");
            assertTrue(previousEnd != null && !previousEnd.after(start), "run " + runs.get(i - 1) + " overlaps " + runs.get(i));
        }
        assertTrue(runs.stream().map(r -> r.get("pid")).distinct().count() >= 3, "the runs moved across the three nodes: " + runs);
    }
}
