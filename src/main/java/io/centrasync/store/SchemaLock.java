package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Two processes starting together on an empty database both create the same tables, and one of them
 * fails on the other's CREATE TABLE (PostgreSQL: "relation already exists", or a duplicate in
 * pg_type). So tables are created and evolved under the dialect's lock (a PostgreSQL advisory lock),
 * held on a connection of its own: the second process waits, then finds the tables there.
 */
public final class SchemaLock {

    private SchemaLock() {
    }

    /**
     * Runs {@code work} under the lock; without one (H2, or a pool of ours of one connection, which the work needs)
     * just runs it. A host's DataSource is taken to have connections to spare, as the connector needs several.
     */
    public static void during(DataSource dataSource, Dialect dialect, Runnable work) {
        List<String> lock = dialect.schemaLock();
        if (lock.isEmpty() || (dataSource instanceof HikariDataSource pool && pool.getMaximumPoolSize() < 2)) {
            work.run();
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(lock.get(0));
            try {
                work.run();
            } finally {
                s.execute(lock.get(1));
            }
        } catch (SQLException e) {
            throw new SinkException("cannot take the lock for preparing tables: " + e.getMessage(), e);
        }
    }
}
