package io.centrasync.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The {@code sync_runs} table: one row per run, for operators and the summary. */
public final class RunHistory {

    private static final int MAX_ERROR = 4000;

    void started(Connection c, SyncRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_runs (run_id, entity, started_at, status, since_time) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, run.runId());
            ps.setString(2, run.entity());
            Jdbc.setInstant(ps, 3, Instant.now());
            ps.setString(4, run.resumed() ? "resumed" : "running");
            Jdbc.setInstant(ps, 5, run.since());
            ps.executeUpdate();
        }
    }

    /** Whether this run is already recorded as completed. */
    boolean completed(Connection c, SyncRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM sync_runs WHERE run_id = ?")) {
            ps.setString(1, run.runId());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && "ok".equals(rs.getString(1));
            }
        }
    }

    void finished(Connection c, SyncRun run, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sync_runs SET finished_at = ?, status = ?, pages = ?, records = ?,"
                + " written = ?, unchanged = ?, dead_letters = ?, complexity = ?, error = ? WHERE run_id = ?")) {
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
