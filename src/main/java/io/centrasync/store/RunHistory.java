package io.centrasync.store;

import io.centrasync.run.SyncRun;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code sync_runs} table ({@link SystemTables#syncRuns}): one row per run, for operators and the
 * summary. Each row names the process that runs it ({@link RunOwner}), so that a run whose process
 * ended without recording the end can be told from a live one ({@link AbandonedRuns}).
 */
public final class RunHistory {

    private static final int MAX_ERROR = 4000;

    private final SystemTables tables;
    private final AbandonedRuns abandoned;

    public RunHistory(SystemTables tables, java.time.Duration heartbeatTimeout) {
        this.tables = tables;
        this.abandoned = new AbandonedRuns(tables, heartbeatTimeout);
    }

    /**
     * Marks the runs of {@code entity} (of all entities when null) whose process ended without recording
     * their end as {@code abandoned} (see {@link AbandonedRuns}): done as a run of the entity begins, and
     * for readers that report runs. Returns how many it marked.
     */
    public int markAbandoned(Connection c, String entity) throws SQLException {
        return abandoned.mark(c, entity);
    }

    /** Marks the abandoned runs of {@code entity}, and the one whose checkpoint a new run takes over now. */
    int markTakenOver(Connection c, String entity) throws SQLException {
        return abandoned.mark(c, entity, true);
    }

    /** Per entity, when its last completed run ended; entities without one are absent. */
    Map<String, Instant> lastSuccesses(Connection c) throws SQLException {
        Map<String, Instant> last = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entity, MAX(finished_at) AS finished_at FROM " + tables.syncRuns()
                + " WHERE status = 'ok' GROUP BY entity");
             java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant at = Jdbc.getInstant(rs, "finished_at");
                if (at != null) {
                    last.put(rs.getString("entity"), at);
                }
            }
        }
        return last;
    }

    /** Records the run's start; the run is live in this process from now. */
    void started(Connection c, SyncRun run) throws SQLException {
        LiveRuns.started(run.runId());
        RunOwner owner = RunOwner.current();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.syncRuns() + " (run_id, entity, started_at, status,"
                + " since_time, node, pid, process_started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, run.runId());
            ps.setString(2, run.entity());
            Jdbc.setInstant(ps, 3, Instant.now());
            ps.setString(4, run.resumed() ? "resumed" : "running");
            Jdbc.setInstant(ps, 5, run.since());
            ps.setString(6, owner.node());
            ps.setLong(7, owner.pid());
            Jdbc.setInstant(ps, 8, owner.processStartedAt());
            ps.executeUpdate();
        }
    }

    /** The run is no longer live in this process: ended, recorded or not, or never begun. */
    void ended(SyncRun run) {
        LiveRuns.ended(run.runId());
    }

    /** Whether this run is already recorded as completed. */
    boolean completed(Connection c, SyncRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM " + tables.syncRuns() + " WHERE run_id = ?")) {
            ps.setString(1, run.runId());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && "ok".equals(rs.getString(1));
            }
        }
    }

    void finished(Connection c, SyncRun run, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.syncRuns() + " SET finished_at = ?, status = ?, pages = ?, records = ?,"
                + " written = ?, unchanged = ?, dead_letters = ?, complexity = ?, error = ? WHERE run_id = ?"
                // a run taken over (abandoned by its successor) keeps that end: it stopped being the entity's run then
                + " AND status IN ('running', 'resumed')")) {
            Jdbc.setInstant(ps, 1, Instant.now());
            ps.setString(2, run.status());
            ps.setInt(3, run.pagesThisRun());
            ps.setLong(4, run.records());
            ps.setLong(5, run.written());
            ps.setLong(6, run.unchanged());
            ps.setLong(7, run.deadLetters());
            ps.setLong(8, run.complexity());
            ps.setString(9, error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR)));
            ps.setString(10, run.runId());
            ps.executeUpdate();
        }
    }
}
