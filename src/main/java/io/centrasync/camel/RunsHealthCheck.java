package io.centrasync.camel;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Readiness: down while the database cannot be reached, and while an entity's last run failed, until one of its
 * runs completes.
 */
final class RunsHealthCheck extends AbstractHealthCheck {

    /** How long the database has to answer that the connection is valid. */
    private static final int VALID_SECONDS = 2;

    private final RunMetrics runs;
    private final DataSource database;

    /** {@code suffix}: empty, or {@code -<store>} for one of several stores in a process. */
    RunsHealthCheck(RunMetrics runs, DataSource database, String suffix) {
        super("centra-sync", "centra-runs" + suffix);
        this.runs = runs;
        this.database = database;
    }

    @Override
    public boolean isLiveness() {
        return false; // a failing store is not mended by restarting the process
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String unreachable = unreachable();
        if (unreachable != null) {
            builder.down().message("database unreachable: " + unreachable);
            builder.detail("database", unreachable);
            return;
        }
        Map<String, String> failing = new TreeMap<>(runs.failing());
        if (failing.isEmpty()) {
            builder.up();
            return;
        }
        builder.down().message("last run failed: " + String.join(", ", failing.keySet()));
        failing.forEach((entity, why) -> builder.detail("failed." + entity, why));
    }

    /** Why the database cannot be reached now, or null when it answers. */
    private String unreachable() {
        try (Connection c = database.getConnection()) {
            try {
                if (c.isValid(VALID_SECONDS)) {
                    return null;
                }
                evict(c);
                return "the connection is not valid";
            } catch (SQLException e) {
                evict(c);
                throw e;
            }
        } catch (SQLException e) {
            return Database.rootMessage(e);
        }
    }

    /** A broken connection leaves our pool, so that the next check (or page) gets a fresh one once the database is back. */
    private void evict(Connection c) {
        if (database instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        }
    }
}
