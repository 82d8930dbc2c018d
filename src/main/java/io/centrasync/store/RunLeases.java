package io.centrasync.store;

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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * For several nodes on one database: the runs live in this process show a sign of life every interval (the
 * checkpoint's {@code updated_at}, which committed pages move too), also while a run waits on Centra; and a run
 * about to begin on another node first looks whether the entity's checkpoint is held by a run that shows life.
 * Then it does not begin at all (Quartz let two nodes fire the same job, as it can right after a node it declared
 * dead comes back); it takes the checkpoint over only once that run showed no life for {@link #takeoverAfter}, and
 * then ends that process's database sessions (PostgreSQL), so a paused process cannot hold the rows it was writing.
 */
public final class RunLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);
    /** How often a waiting node looks at the checkpoint again. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(250);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String table;
    private final String runs;
    private final Duration interval;
    private final Duration takeoverAfter;
    private final ScheduledExecutorService heartbeats;

    /** Shows life every {@code interval}; takes a run over after three intervals without. */
    public RunLeases(DataSource dataSource, Dialect dialect, SystemTables tables, Duration interval) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.table = tables.syncState();
        this.runs = tables.syncRuns();
        this.interval = interval;
        this.takeoverAfter = interval.multipliedBy(3);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "centra-sync-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long a run may show no life before another node takes it over. */
    public Duration takeoverAfter() {
        return takeoverAfter;
    }

    private void beat() {
        List<String> live = LiveRuns.all();
        if (live.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET updated_at = ? WHERE run_id = ?")) {
            for (String runId : live) {
                Jdbc.setInstant(ps, 1, Instant.now());
                ps.setString(2, runId);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException | RuntimeException e) {
            // the next beat tries again; a run that cannot show life for long enough is taken over, and rolls back then
            LOG.debug("run heartbeat not written: {}", e.getMessage());
        }
    }

    /**
     * Whether a run of {@code entity} may begin here now: waits while the checkpoint is held by another process's run
     * that has not shown life for long enough. The holding it saw (begin only while it still holds); empty when that run
     * shows life, is live in this process, or another node took it meanwhile.
     */
    public Optional<Holding> mayBegin(String entity, BooleanSupplier stopping) throws InterruptedException {
        Holder first = holder(entity);
        if (first == null) {
            return Optional.of(new Holding(null));
        }
        if (LiveRuns.live(first.runId)) {
            LOG.debug("{}: run {} is live in this process; this fire skips", entity, first.runId);
            return Optional.empty();
        }
        Instant deadline = first.heartbeat.plus(takeoverAfter);
        boolean logged = false;
        while (Instant.now().isBefore(deadline)) {
            if (!logged) {
                LOG.info("{}: run {} holds the checkpoint; taking it over unless it shows life by {}", entity, first.runId, deadline);
                logged = true;
            }
            if (stopping.getAsBoolean()) {
                return Optional.empty();
            }
            Thread.sleep(Math.min(LOOK_AGAIN.toMillis(), Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
            Holder now = holder(entity);
            if (now == null) {
                return Optional.of(new Holding(null));
            }
            if (!now.runId.equals(first.runId) || now.heartbeat.isAfter(first.heartbeat)) {
                LOG.info("{}: run {} is live elsewhere; this fire skips", entity, now.runId);
                return Optional.empty();
            }
        }
        endSessionsOf(entity, first.runId);
        return Optional.of(new Holding(first.runId));
    }

    /**
     * PostgreSQL: ends the database sessions of the process that holds the run, which shows no life: stopped (SIGSTOP, a
     * long pause) in the middle of a page, its transaction would keep the rows the new run writes locked (a COPY waiting
     * for the rest of its data is neither idle nor timed out). Its next commit then fails, as it would anyway. Only
     * sessions of the same database user can be ended; others are left to their own timeouts.
     */
    private void endSessionsOf(String entity, String runId) {
        if (!(dialect instanceof PostgresDialect)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement owner = c.prepareStatement("SELECT node, pid FROM " + runs + " WHERE run_id = ?")) {
            owner.setString(1, runId);
            String node;
            long pid;
            try (ResultSet rs = owner.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return;
                }
                node = rs.getString(1);
                pid = rs.getLong(2);
            }
            RunOwner holder = new RunOwner(node, pid, null);
            if (holder.isCurrentProcess()) {
                return;
            }
            // found first, then ended one by one: in one statement PostgreSQL may call pg_terminate_backend before the filters
            List<Integer> sessions = new ArrayList<>();
            try (PreparedStatement find = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?"
                    + " AND datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()")) {
                find.setString(1, DataSources.applicationName(holder));
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getInt(1));
                    }
                }
            }
            int ended = 0;
            try (PreparedStatement end = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                for (int session : sessions) {
                    end.setInt(1, session);
                    try (ResultSet rs = end.executeQuery()) {
                        ended += rs.next() && rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            if (ended > 0) {
                LOG.info("{}: ended {} database session(s) of process {} on {}, which held run {}", entity, ended, pid, node, runId);
            }
        } catch (SQLException e) {
            LOG.warn("{}: could not end the database sessions of the process holding run {}: {}", entity, runId, e.getMessage());
        }
    }

    /** The run that held an entity's checkpoint when a node decided to begin (null: none). */
    public record Holding(String runId) {
    }

    /** The run that holds the entity's checkpoint and its last sign of life; null when none does. */
    private Holder holder(String entity) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT run_id, updated_at FROM " + table + " WHERE entity = ?")) {
            ps.setString(1, entity);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return null;
                }
                return new Holder(rs.getString(1), Objects.requireNonNullElse(Jdbc.getInstant(rs, "updated_at"), Instant.EPOCH));
            }
        } catch (SQLException e) {
            throw new SinkException("cannot read the checkpoint of " + entity + " (" + table + "): " + e.getMessage(), e);
        }
    }

    private record Holder(String runId, Instant heartbeat) {
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }

    @Override
    public String toString() {
        return "RunLeases[" + interval + "]";
    }
}
