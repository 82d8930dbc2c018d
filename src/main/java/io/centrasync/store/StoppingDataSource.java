package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The pool, but once a stop is asked for (SIGTERM) a connection is waited for at most {@code stopWait}
 * more, instead of up to {@code sink.connection-timeout}: what is left to write then (the page in hand,
 * the run's end, the summary's counts) must not hold a container's stop (Docker waits 10 s) in
 * connection timeouts while the database is away. What it cannot write, the next run records
 * (abandoned) or redoes.
 */
public final class StoppingDataSource extends DelegatingDataSource {

    /** HikariCP's least connection timeout. */
    private static final long MIN_WAIT_MILLIS = 250;

    private final BooleanSupplier stopping;
    private final Duration stopWait;

    /** {@code pool}: ours (HikariCP) is waited on in slices; a host's DataSource is asked as it is. */
    public StoppingDataSource(DataSource pool, BooleanSupplier stopping, Duration stopWait) {
        super(pool);
        this.stopping = stopping;
        this.stopWait = stopWait;
    }

    /**
     * Waits for a connection in slices of at most {@code stopWait}, up to the pool's connection timeout, so that
     * a stop asked for meanwhile ends the wait within a slice (HikariCP's own wait cannot be cut short without
     * interrupting the thread, which would close an H2 file under it).
     */
    @Override
    public Connection getConnection() throws SQLException {
        if (!(dataSource instanceof HikariDataSource ours) || !(ours.getHikariPoolMXBean() instanceof HikariPool hikari)) {
            return dataSource.getConnection();
        }
        long deadline = System.nanoTime() + Duration.ofMillis(ours.getConnectionTimeout()).toNanos();
        while (true) {
            long left = Math.max(0, deadline - System.nanoTime()) / 1_000_000;
            try {
                return hikari.getConnection(Math.max(MIN_WAIT_MILLIS, Math.min(stopWait.toMillis(), left)));
            } catch (SQLTransientConnectionException timedOut) {
                if (stopping.getAsBoolean() || System.nanoTime() >= deadline) {
                    throw timedOut;
                }
            }
        }
    }
}
