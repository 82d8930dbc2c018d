package io.centrasync.store;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.run.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@code sync_state} table ({@link SystemTables#syncState}): per entity, the watermark of the last completed run and, while a
 * run is in flight, how far it got. The in-flight columns move in the same transaction as the rows
 * of each page ({@link #recordPage}), so a checkpoint never runs ahead of the rows it covers.
 */
public final class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String table;
    private final RunHistory history;
    private final DeadLetters deadLetters;
    private final SnapshotTables snapshots;
    private final OutageRetry outages;

    public Checkpoints(DataSource dataSource, Dialect dialect, SystemTables tables, RunHistory history, SnapshotTables snapshots) {
        this(dataSource, dialect, tables, history, snapshots, OutageRetry.none());
    }

    /** {@code outages} repeats the start and the end of a run while the database cannot be reached. */
    public Checkpoints(DataSource dataSource, Dialect dialect, SystemTables tables, RunHistory history, SnapshotTables snapshots,
                       OutageRetry outages) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.table = tables.syncState();
        this.history = history;
        this.deadLetters = new DeadLetters(tables);
        this.snapshots = snapshots;
        this.outages = outages;
    }

    /**
     * Starts a run: resumes an interrupted one of the same mapping, or starts from the watermark minus
     * the lookback. A changed mapping (new column, other query) or {@code full} re-reads everything.
     */
    public SyncRun begin(String entity, EntityMapping mapping, boolean full) {
        return outages.call(entity + " run start", () -> beginOnce(entity, mapping, full, null));
    }

    /**
     * As {@link #begin}, but only while the checkpoint is still held by run {@code holder} (null: by none), as the
     * caller saw it: null when another run took it meanwhile (several nodes deciding at once).
     */
    public SyncRun beginIfHeldBy(String entity, EntityMapping mapping, boolean full, RunLeases.Holding holder) {
        return outages.call(entity + " run start", () -> beginOnce(entity, mapping, full, holder));
    }

    private SyncRun beginOnce(String entity, EntityMapping mapping, boolean full, RunLeases.Holding expected) {
        SyncRun run = null;
        boolean begun = false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (expected != null && !java.util.Objects.equals(read(c, entity, true).runId, expected.runId())) {
                c.rollback();
                LOG.info("{}: another run took the checkpoint meanwhile; this fire skips", entity);
                return null;
            }
            // before this run takes the checkpoint over: while it is another run's, it is that run's heartbeat
            history.markTakenOver(c, entity);
            State state = read(c, entity, false);
            boolean snapshot = mapping.incremental().isEmpty();
            if (!full && state.runId != null && mapping.fingerprint().equals(state.runMappingHash)) {
                // a run recorded before run_staged existed (null) staged its snapshot
                boolean staged = snapshot && !Boolean.FALSE.equals(state.runStaged);
                run = new SyncRun(entity, mapping, false, true, state.runStartedAt, state.runSince, staged, state.runCursor,
                        state.runPages, state.runMaxSeen);
                LOG.info("{}: resuming an interrupted run after page {}", entity, state.runPages);
            } else {
                Instant since = null;
                if (!snapshot) {
                    boolean mappingChanged = state.mappingHash != null && !mapping.fingerprint().equals(state.mappingHash);
                    if (full || state.watermark == null || mappingChanged) {
                        since = Instant.EPOCH;
                        if (mappingChanged && !full) {
                            LOG.info("{}: mapping changed since the last run, re-reading everything", entity);
                        }
                    } else {
                        since = state.watermark.minus(mapping.incremental().get().lookback());
                    }
                }
                // a first snapshot has no previous one to keep visible: its pages go straight into the empty live tables
                boolean staged = snapshot && (state.mappingHash != null || !snapshots.liveTablesEmpty(c, mapping));
                run = new SyncRun(entity, mapping, full, false, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                        since, staged, null, 0, null);
                if (snapshot) {
                    snapshots.clear(c, mapping); // leftovers of an abandoned snapshot
                }
            }
            run.deadLettersOpen(deadLetters.any(c, entity));
            upsertState(c, entity, state.watermark, state.mappingHash, run);
            history.started(c, run);
            c.commit();
            begun = true;
            return run;
        } catch (SQLException e) {
            throw new SinkException("cannot start a run of " + entity + " (" + table + "): " + e.getMessage(), e);
        } finally {
            if (run != null && !begun) {
                history.ended(run); // its row was rolled back: nothing to mark, nothing live
            }
        }
    }

    /** Inside the page transaction: the run has now committed this page. */
    public void recordPage(Connection c, SyncRun run, String nextCursor, int pages, long records, Instant maxSeen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET run_cursor = ?, run_pages = ?, run_records = ?,"
                + " run_max_seen = ?, updated_at = ? WHERE entity = ? AND run_id = ?")) {
            ps.setString(1, nextCursor);
            ps.setInt(2, pages);
            ps.setLong(3, records);
            Jdbc.setInstant(ps, 4, maxSeen);
            Jdbc.setInstant(ps, 5, Instant.now());
            ps.setString(6, run.entity());
            ps.setString(7, run.runId());
            if (ps.executeUpdate() != 1) {
                // another process took over this entity's run: roll back rather than interleave two runs
                throw takenOver(run);
            }
        }
    }

    /** The run read every page: move the watermark and clear the in-flight columns. */
    public void complete(SyncRun run) {
        try {
            outages.call(run.entity() + " run end", () -> {
                completeOnce(run);
                return null;
            });
        } catch (SnapshotShrinkException e) {
            // not resumed, which would publish the same staged snapshot again: the next run reads a new one
            dropInFlight(run);
            throw e;
        }
        history.ended(run);
    }

    /** The entity's checkpoint belongs to another run now (a process that found this one dead, or a --full run). */
    private SQLException takenOver(SyncRun run) {
        return new SQLException("another process took over this run of " + run.entity() + " (" + table
                + " names another run now); this one stops, its committed pages stay");
    }

    /** Forgets the run's in-flight position, so that the entity's next run starts afresh. */
    private void dropInFlight(SyncRun run) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET run_id = NULL, run_started_at = NULL, run_since = NULL,"
                     + " run_cursor = NULL, run_pages = NULL, run_max_seen = NULL, run_mapping_hash = NULL, run_staged = NULL,"
                     + " updated_at = ? WHERE entity = ? AND run_id = ?")) {
            Jdbc.setInstant(ps, 1, Instant.now());
            ps.setString(2, run.entity());
            ps.setString(3, run.runId());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("{}: could not drop the unpublished snapshot's position (the next run resumes it): {}", run.entity(), e.getMessage());
        }
    }

    private void completeOnce(SyncRun run) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            State state = read(c, run.entity(), false);
            // a snapshot entity has no watermark; otherwise never move it backwards (the old one is still safe)
            Instant watermark = run.since() == null ? null
                    : SyncRun.later(run.full() ? null : state.watermark, run.safeWatermark());
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET watermark = ?, mapping_hash = ?, run_id = NULL,"
                    + " run_started_at = NULL, run_since = NULL, run_cursor = NULL, run_pages = NULL, run_max_seen = NULL,"
                    + " run_mapping_hash = NULL, run_staged = NULL, run_records = NULL, updated_at = ? WHERE entity = ? AND run_id = ?")) {
                Jdbc.setInstant(ps, 1, watermark);
                ps.setString(2, run.mapping().fingerprint());
                Jdbc.setInstant(ps, 3, Instant.now());
                ps.setString(4, run.entity());
                ps.setString(5, run.runId());
                if (ps.executeUpdate() != 1) {
                    if (history.completed(c, run)) {
                        // an earlier attempt committed, but its acknowledgement was lost with the connection
                        run.status("ok");
                        return;
                    }
                    throw takenOver(run);
                }
            }
            // a staged snapshot is published now; a first snapshot went straight into the live tables
            boolean staged = run.staged();
            if (staged) {
                SnapshotTables.Published published = snapshots.publish(c, run.mapping(), dialect);
                run.snapshotPublished(published.changed(), published.unchanged());
                LOG.info("{}: snapshot published: {} rows new or changed, {} unchanged, {} no longer in Centra removed", run.entity(),
                        published.changed(), published.unchanged(), published.removed());
                if (!dialect.truncateCommits()) {
                    // in the publishing transaction: a run another instance starts next waits for its commit
                    snapshots.discard(c, run.mapping());
                }
            }
            if (run.since() == null) {
                SnapshotHistory.record(c, run.mapping(), Instant.now());
            }
            run.status("ok");
            history.finished(c, run, null);
            c.commit();
            if (staged && dialect.truncateCommits()) {
                discardStage(c, run);
            }
        } catch (SQLException e) {
            throw new SinkException("cannot complete the run of " + run.entity() + ": " + e.getMessage(), e);
        }
    }

    /**
     * H2, after the publishing commit: empties the staging tables unless a new run of the entity has begun
     * since (only possible with a second process on an H2 server), whose staged pages they would then hold.
     */
    private void discardStage(Connection c, SyncRun run) {
        try {
            c.setAutoCommit(true);
            if (read(c, run.entity(), false).runId == null) {
                snapshots.discard(c, run.mapping());
            }
        } catch (SQLException e) {
            LOG.warn("{}: could not empty the staging tables of the published snapshot (the next snapshot does): {}", run.entity(),
                    e.getMessage());
        }
    }

    /** The run stopped early (failure or shutdown); its committed pages stay and the next run resumes. */
    public void interrupted(SyncRun run, String status, String error) {
        run.status(status);
        try (Connection c = dataSource.getConnection()) {
            history.finished(c, run, error);
        } catch (SQLException e) {
            LOG.warn("{}: could not record the end of run {} (the next run records it as abandoned): {}", run.entity(), run.runId(),
                    e.getMessage());
        } finally {
            history.ended(run);
        }
    }

    /** Per entity, when its last completed run ended (from the run history); entities without one are absent. */
    public Map<String, Instant> lastSuccesses() {
        try (Connection c = dataSource.getConnection()) {
            return history.lastSuccesses(c);
        } catch (SQLException e) {
            throw new SinkException("cannot read the run history: " + e.getMessage(), e);
        }
    }

    /** The watermark of the last completed run, or null. */
    public Instant watermark(String entity) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, entity, false).watermark;
        } catch (SQLException e) {
            throw new SinkException("cannot read " + table + ": " + e.getMessage(), e);
        }
    }

    /** {@code forUpdate}: locks the row until the transaction ends, so that two runs never begin from the same state. */
    private State read(Connection c, String entity, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE entity = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, entity);
            try (ResultSet rs = ps.executeQuery()) {
                State s = new State();
                if (rs.next()) {
                    s.watermark = Jdbc.getInstant(rs, "watermark");
                    s.mappingHash = rs.getString("mapping_hash");
                    s.runId = rs.getString("run_id");
                    s.runStartedAt = Jdbc.getInstant(rs, "run_started_at");
                    s.runSince = Jdbc.getInstant(rs, "run_since");
                    s.runCursor = rs.getString("run_cursor");
                    s.runPages = rs.getInt("run_pages");
                    s.runMaxSeen = Jdbc.getInstant(rs, "run_max_seen");
                    s.runMappingHash = rs.getString("run_mapping_hash");
                    boolean staged = rs.getBoolean("run_staged");
                    s.runStaged = rs.wasNull() ? null : staged;
                }
                return s;
            }
        }
    }

    private void upsertState(Connection c, String entity, Instant watermark, String mappingHash, SyncRun run) throws SQLException {
        List<String> columns = List.of("entity", "watermark", "mapping_hash", "run_id", "run_started_at", "run_since", "run_cursor",
                "run_pages", "run_max_seen", "run_mapping_hash", "updated_at", "run_staged", "run_records");
        try (PreparedStatement ps = c.prepareStatement(dialect.upsert(table, columns, List.of("entity")))) {
            ps.setString(1, entity);
            Jdbc.setInstant(ps, 2, watermark);
            ps.setString(3, mappingHash);
            ps.setString(4, run.runId());
            Jdbc.setInstant(ps, 5, run.startedAt());
            Jdbc.setInstant(ps, 6, run.since());
            ps.setString(7, run.cursor());
            ps.setInt(8, run.pages());
            Jdbc.setInstant(ps, 9, run.maxSeen());
            ps.setString(10, run.mapping().fingerprint());
            Jdbc.setInstant(ps, 11, Instant.now());
            ps.setBoolean(12, run.staged());
            ps.setLong(13, run.records());
            ps.executeUpdate();
        }
    }

    private static final class State {
        Instant watermark;
        String mappingHash;
        String runId;
        Instant runStartedAt;
        Instant runSince;
        String runCursor;
        int runPages;
        Instant runMaxSeen;
        String runMappingHash;
        Boolean runStaged;
    }
}
