package io.centrasync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.sink.Dialect;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench settles PostgreSQL (CHECKPOINT) before a phase's timed runs, and leaves H2 alone. */
class SettleTest {

    @Test
    void postgresIsCheckpointedBeforeTheTimedRuns() throws SQLException {
        try (TestDatabase db = TestDatabase.postgres(); HikariDataSource ds = db.dataSource(1)) {
            long before = requestedCheckpoints(ds);
            PhaseWorker.settle(ds, Dialect.forJdbcUrl(db.jdbcUrl()));
            long after = requestedCheckpoints(ds);
            assertTrue(after > before, "requested checkpoints: " + before + " before, " + after + " after");
        }
    }

    @Test
    void h2IsNotTouched() {
        // a data source it would have to use is not there: settling H2 must not need one
        assertDoesNotThrow(() -> PhaseWorker.settle(null, Dialect.forJdbcUrl("jdbc:h2:mem:settle")));
    }

    /** Checkpoints asked for so far (PostgreSQL 17 moved the counter to pg_stat_checkpointer). */
    private static long requestedCheckpoints(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            String counter = c.getMetaData().getDatabaseMajorVersion() >= 17
                    ? "SELECT num_requested FROM pg_stat_checkpointer" : "SELECT checkpoints_req FROM pg_stat_bgwriter";
            try (ResultSet rs = s.executeQuery(counter)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
