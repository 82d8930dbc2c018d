package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.SyncRun;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run rows left {@code running} by a process that ended without recording the run's end are marked
 * {@code abandoned} by the next run of the entity (and by {@link RunHistory#markAbandoned}); a row whose
 * owner still lives is left alone.
 */
class AbandonedRunsTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private TestDatabase db;
    private HikariDataSource ds;
    private EntityMapping orders;
    private RunHistory history;
    private Checkpoints checkpoints;
    private Process sleeper;

    private void open(TestDatabase.Kind kind) throws Exception {
        db = kind.open();
        ds = db.dataSource(2);
        orders = MappingLoader.load(Path.of("mappings/default/orders.yaml"));
        Dialect dialect = Dialect.forJdbcUrl(db.jdbcUrl());
        new SchemaManager(ds, dialect, SystemTables.DEFAULT).ensureSystemTables();
        history = new RunHistory(SystemTables.DEFAULT, TIMEOUT);
        checkpoints = new Checkpoints(ds, dialect, SystemTables.DEFAULT, history, new SnapshotTables());
    }

    @AfterEach
    void tearDown() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
        if (ds != null) {
            ds.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** A run whose checkpoint another run took over (here a --full run) commits nothing more and says why in one line. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aRunTakenOverSaysSo(TestDatabase.Kind kind) throws Exception {
        open(kind);
        SyncRun first = checkpoints.begin("orders", orders, false);
        checkpoints.begin("orders", orders, true);
        try (java.sql.Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> checkpoints.recordPage(c, first, "cursor", 1, 0, null));
            org.junit.jupiter.api.Assertions.assertEquals("another process took over this run of orders (sync_state names another run"
                    + " now); this one stops, its committed pages stay", e.getMessage());
            c.rollback();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void runsLeftByAGoneProcessOfThisNodeAreAbandonedByTheNextRun(TestDatabase.Kind kind) throws Exception {
        open(kind);
        String node = RunOwner.current().node();
        EndedProcess killed = killedProcess();
        Instant now = Instant.now();
        insertRun("killed", now.minusSeconds(5), node, killed.pid(), killed.started());
        // this JVM's pid, but the process that started the run started an hour before: the pid was reused since
        insertRun("pid-reused", now.minusSeconds(5), node, ProcessHandle.current().pid(), now.minus(1, ChronoUnit.HOURS));

        SyncRun next = checkpoints.begin("orders", orders, false);

        for (String runId : new String[] {"killed", "pid-reused"}) {
            Map<String, Object> row = run(runId);
            assertEquals("abandoned", row.get("status"), runId);
            assertNotNull(row.get("finished_at"), runId);
            assertTrue(((String) row.get("error")).contains("ended without recording the run's end (killed, or the database was"
                    + " unreachable)"), runId + ": " + row.get("error"));
        }
        assertEquals("running", run(next.runId()).get("status"), "the new run is live");
        assertEquals(node, run(next.runId()).get("node"));
        assertEquals(ProcessHandle.current().pid(), ((Number) run(next.runId()).get("pid")).longValue());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aRunWhoseOwnerLivesIsLeftAloneAndOneWithoutHeartbeatIsAbandoned(TestDatabase.Kind kind) throws Exception {
        open(kind);
        sleeper = new ProcessBuilder("sleep", "60").start();
        Instant now = Instant.now();
        insertRun("other-process-here", now.minusSeconds(10), RunOwner.current().node(), sleeper.pid(),
                sleeper.info().startInstant().orElseThrow());
        insertRun("other-host-fresh", now.minusSeconds(30), "elsewhere", 1L, now.minus(1, ChronoUnit.DAYS));
        // started long ago, but its pages keep committing: the entity's checkpoint is its heartbeat
        insertRun("other-host-paging", now.minus(2, ChronoUnit.HOURS), "elsewhere", 2L, now.minus(1, ChronoUnit.DAYS));
        db.execute("INSERT INTO sync_state (entity, run_id, updated_at) VALUES ('orders', 'other-host-paging', CURRENT_TIMESTAMP)");
        insertRun("other-host-silent", now.minus(2, ChronoUnit.HOURS), "elsewhere", 3L, now.minus(1, ChronoUnit.DAYS));
        insertRun("before-upgrade", now.minus(2, ChronoUnit.HOURS), null, null, null);

        try (Connection c = ds.getConnection()) {
            assertEquals(2, history.markAbandoned(c, null));
        }

        for (String live : new String[] {"other-process-here", "other-host-fresh", "other-host-paging"}) {
            assertEquals("running", run(live).get("status"), live);
            assertNull(run(live).get("finished_at"), live);
        }
        for (String silent : new String[] {"other-host-silent", "before-upgrade"}) {
            assertEquals("abandoned", run(silent).get("status"), silent);
            assertTrue(((String) run(silent).get("error")).contains("longer than sink.run-heartbeat-timeout"), silent);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aLiveRunOfThisProcessIsLeftAloneAndOneWhoseEndWasLostIsAbandoned(TestDatabase.Kind kind) throws Exception {
        open(kind);
        SyncRun live = checkpoints.begin("orders", orders, false);
        SyncRun lost = checkpoints.begin("purchase_orders", MappingLoader.load(Path.of("mappings/default/purchase_orders.yaml")),
                false);
        // the run fails while the database is away: its end cannot be recorded
        HikariDataSource away = db.dataSource(1);
        away.close();
        new Checkpoints(away, Dialect.forJdbcUrl(db.jdbcUrl()), SystemTables.DEFAULT, history, new SnapshotTables())
                .interrupted(lost, "failed", "connection refused");
        assertEquals("running", run(lost.runId()).get("status"));

        try (Connection c = ds.getConnection()) {
            assertEquals(1, history.markAbandoned(c, null));
        }
        assertEquals("running", run(live.runId()).get("status"));
        assertEquals("abandoned", run(lost.runId()).get("status"));
        assertTrue(((String) run(lost.runId()).get("error")).contains("ended without recording its end"));
    }

    private record EndedProcess(long pid, Instant started) {
    }

    /** A process of this node, killed with SIGKILL. */
    private static EndedProcess killedProcess() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        Instant started = p.info().startInstant().orElseThrow();
        p.destroyForcibly().waitFor();
        return new EndedProcess(p.pid(), started);
    }

    private void insertRun(String runId, Instant startedAt, String node, Long pid, Instant processStartedAt) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sync_runs (run_id, entity,"
                + " started_at, status, node, pid, process_started_at) VALUES (?, 'orders', ?, 'running', ?, ?, ?)")) {
            ps.setString(1, runId);
            Jdbc.setInstant(ps, 2, startedAt);
            ps.setString(3, node);
            ps.setObject(4, pid);
            Jdbc.setInstant(ps, 5, processStartedAt);
            ps.executeUpdate();
        }
    }

    private Map<String, Object> run(String runId) {
        return db.query("SELECT status, finished_at, node, pid, CAST(error AS VARCHAR(4000)) AS error FROM sync_runs WHERE run_id = '" + runId + "'").get(0);
    }
}
