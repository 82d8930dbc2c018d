package io.centrasync.store;

import io.centrasync.run.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends the run rows that stay {@code running} or {@code resumed} because their process ended without
 * recording the end (killed, or the database was unreachable then): status {@code abandoned}, with
 * {@code finished_at} and the reason. A row is abandoned when
 * <ul>
 *   <li>it is this process's and the run is no longer live here ({@link LiveRuns}),</li>
 *   <li>its process ran on this node and is gone ({@link RunOwner#goneFromThisNode}), or</li>
 *   <li>its heartbeat is older than the timeout: the entity's checkpoint moves with every committed page
 *       ({@code sync_state.updated_at}, in the page's own transaction), else the run's start counts.</li>
 * </ul>
 * A run live in this process is never touched, whatever its heartbeat.
 */
public final class AbandonedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(AbandonedRuns.class);

    private final SystemTables tables;
    private final Duration heartbeatTimeout;

    public AbandonedRuns(SystemTables tables, Duration heartbeatTimeout) {
        this.tables = tables;
        this.heartbeatTimeout = heartbeatTimeout;
    }

    /** Marks the abandoned runs of {@code entity} (of every entity when null); returns how many. */
    public int mark(Connection c, String entity) throws SQLException {
        return mark(c, entity, false);
    }

    /**
     * Marks the abandoned runs of {@code entity}; when {@code takingOver} (a new run of it begins and takes its
     * checkpoint), also the run that holds the checkpoint now, wherever it runs: it ends here, even if its process
     * still lives (paused, or cut off from a cluster), and cannot commit any more. So no two runs of an entity
     * are ever open at once in {@code sync_runs}.
     */
    public int mark(Connection c, String entity, boolean takingOver) throws SQLException {
        Instant now = Instant.now();
        int marked = 0;
        for (OpenRun run : openRuns(c, entity)) {
            String reason = reason(run, now);
            if (reason == null && takingOver && run.pages() != null && !LiveRuns.live(run.runId)) {
                reason = "taken over by a new run on " + RunOwner.current().node() + " (process " + RunOwner.current().pid()
                        + "): its process " + run.owner.pid() + " on " + run.owner.node() + " stopped answering, or was paused";
            }
            if (reason != null && abandon(c, run, now, reason) == 1) {
                LOG.info("{}: run {} recorded as abandoned: {}", run.entity, run.runId, reason);
                marked++;
            }
        }
        return marked;
    }

    private String reason(OpenRun run, Instant now) {
        if (LiveRuns.live(run.runId)) {
            return null;
        }
        if (run.owner.isCurrentProcess()) {
            return "the run ended without recording its end (the database was unreachable)";
        }
        if (run.owner.goneFromThisNode()) {
            return "process " + run.owner.pid() + " on " + run.owner.node()
                    + " ended without recording the run's end (killed, or the database was unreachable)";
        }
        if (run.heartbeat.plus(heartbeatTimeout).isBefore(now)) {
            return "no sign of life since " + run.heartbeat + " (longer than sink.run-heartbeat-timeout, " + heartbeatTimeout
                    + "): its process" + (run.owner.node() == null ? "" : ", " + run.owner.pid() + " on " + run.owner.node() + ",")
                    + " ended without recording the run's end, or hangs";
        }
        return null;
    }

    /** {@code pages}: the pages its checkpoint holds, when it still is the entity's in-flight run; else null. */
    private record OpenRun(String runId, String entity, RunOwner owner, Instant heartbeat, Integer pages) {
    }

    private List<OpenRun> openRuns(Connection c, String entity) throws SQLException {
        String sql = "SELECT r.run_id, r.entity, r.started_at, r.node, r.pid, r.process_started_at, s.run_id AS checkpoint_run,"
                + " s.updated_at AS checkpoint_at, s.run_pages AS checkpoint_pages FROM " + tables.syncRuns() + " r LEFT JOIN " + tables.syncState()
                + " s ON s.entity = r.entity WHERE r.status IN ('running', 'resumed')" + (entity == null ? "" : " AND r.entity = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (entity != null) {
                ps.setString(1, entity);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<OpenRun> runs = new ArrayList<>();
                while (rs.next()) {
                    String runId = rs.getString("run_id");
                    long pid = rs.getLong("pid");
                    Long ownerPid = rs.wasNull() ? null : pid;
                    RunOwner owner = new RunOwner(rs.getString("node"), ownerPid, Jdbc.getInstant(rs, "process_started_at"));
                    // the checkpoint is this run's only while the entity's in-flight run is this one
                    boolean holdsCheckpoint = runId.equals(rs.getString("checkpoint_run"));
                    Instant heartbeat = holdsCheckpoint
                            ? SyncRun.later(Jdbc.getInstant(rs, "started_at"), Jdbc.getInstant(rs, "checkpoint_at"))
                            : Jdbc.getInstant(rs, "started_at");
                    int checkpointPages = rs.getInt("checkpoint_pages");
                    Integer pages = holdsCheckpoint && !rs.wasNull() ? checkpointPages : null;
                    runs.add(new OpenRun(runId, rs.getString("entity"), owner, heartbeat, pages));
                }
                return runs;
            }
        }
    }

    private int abandon(Connection c, OpenRun run, Instant now, String reason) throws SQLException {
        // the status condition: the owner may have recorded its end meanwhile, and that end is the truth. What the run
        // committed is known only as the checkpoint's page count, which includes the pages of the attempts it resumed
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.syncRuns() + " SET status = 'abandoned', finished_at = ?,"
                + " error = ? WHERE run_id = ? AND status IN ('running', 'resumed')")) {
            Jdbc.setInstant(ps, 1, now);
            ps.setString(2, run.pages() == null ? reason
                    : reason + "; its checkpoint was at page " + run.pages() + ", where the next run resumes");
            ps.setString(3, run.runId());
            return ps.executeUpdate();
        }
    }
}
