package io.centrasync.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
 * dead comes back); it takes the checkpoint over only once that run showed no life for {@link #takeoverAfter}.
 */
public final class RunLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);
    /** How often a waiting node looks at the checkpoint again. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(250);

    private final DataSource dataSource;
    private final String table;
    private final Duration interval;
    private final Duration takeoverAfter;
    private final ScheduledExecutorService heartbeats;

    /** Shows life every {@code interval}; takes a run over after three intervals without. */
    public RunLeases(DataSource dataSource, SystemTables tables, Duration interval) {
        this.dataSource = dataSource;
        this.table = tables.syncState();
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
        return Optional.of(new Holding(first.runId));
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
