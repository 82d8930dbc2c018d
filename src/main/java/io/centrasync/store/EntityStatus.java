package io.centrasync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One entity's state as our bookkeeping tables record it, for {@code status}: its last run ({@code sync_runs}), its
 * watermark and the run in flight ({@code sync_state}), its dead letters and the rows of its root table. Read only:
 * nothing is written, not even abandoned runs are marked.
 */
public record EntityStatus(String entity, LastRun lastRun, Instant watermark, Long rows, long deadLetters, InFlight inFlight) {

    /** The entity's most recent run row, whatever its status (running, resumed, ok, failed, interrupted, abandoned). */
    public record LastRun(String runId, String status, Instant startedAt, Instant finishedAt, String error, Integer pages,
                          Long records, Long written, Long deadLetters) {
    }

    /**
     * The position a run has committed and not yet completed: {@code live} when its run row still says running or
     * resumed (a failed or interrupted run leaves its position for the next run to resume).
     */
    public record InFlight(String runId, String status, boolean live, Instant startedAt, int pagesCommitted, Long records,
                           Instant lastPageAt) {
    }

    /** Reads the entity's status; {@code rootTable} is counted when it exists (null rows otherwise). */
    public static EntityStatus read(Connection c, SystemTables tables, String entity, String rootTable) throws SQLException {
        LastRun last = lastRun(c, tables, entity);
        Instant watermark = null;
        InFlight inFlight = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + tables.syncState() + " WHERE entity = ?")) {
            ps.setString(1, entity);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    watermark = Jdbc.getInstant(rs, "watermark");
                    String runId = rs.getString("run_id");
                    if (runId != null) {
                        long records = rs.getLong("run_records");
                        Long runRecords = rs.wasNull() ? null : records;
                        String status = runStatus(c, tables, runId);
                        inFlight = new InFlight(runId, status, "running".equals(status) || "resumed".equals(status),
                                Jdbc.getInstant(rs, "run_started_at"), rs.getInt("run_pages"), runRecords, Jdbc.getInstant(rs, "updated_at"));
                    }
                }
            }
        }
        long letters;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + tables.deadLetter() + " WHERE entity = ?")) {
            ps.setString(1, entity);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                letters = rs.getLong(1);
            }
        }
        return new EntityStatus(entity, last, watermark, rows(c, rootTable), letters, inFlight);
    }

    private static LastRun lastRun(Connection c, SystemTables tables, String entity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + tables.syncRuns() + " WHERE entity = ? ORDER BY started_at DESC")) {
            ps.setString(1, entity);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new LastRun(rs.getString("run_id"), rs.getString("status"), Jdbc.getInstant(rs, "started_at"),
                        Jdbc.getInstant(rs, "finished_at"), rs.getString("error"), integer(rs, "pages"), number(rs, "records"),
                        number(rs, "written"), number(rs, "dead_letters"));
            }
        }
    }

    private static String runStatus(Connection c, SystemTables tables, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM " + tables.syncRuns() + " WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The rows of the table, or null when it cannot be counted (it does not exist yet: a new mapping never run). */
    private static Long rows(Connection c, String table) throws SQLException {
        if (table == null) {
            return null;
        }
        c.setAutoCommit(false); // PostgreSQL: a failed statement aborts the transaction, so undo it rather than go on in it
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return null; // not created yet (or not ours to read): no count rather than no status
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long number(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
