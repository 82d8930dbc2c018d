package io.centrasync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.store.Dialect;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The bench settles PostgreSQL (CHECKPOINT) before a phase's timed runs, and leaves H2 alone. */
class SettleTest {

    @Test
    void postgresIsCheckpointedBeforeTheTimedRuns() throws SQLException {
        try (TestDatabase db = TestDatabase.postgres(); HikariDataSource ds = db.dataSource(1)) {
            String before = lastCheckpoint(ds);
            PhaseWorker.settle(ds, Dialect.forJdbcUrl(db.jdbcUrl()));
            String after = lastCheckpoint(ds);
            assertNotEquals(before, after, "the last checkpoint is still the one before settle");
        }
    }

    @Test
    void h2IsNotTouched() {
        // a data source it would have to use is not there: settling H2 must not need one
        assertDoesNotThrow(() -> PhaseWorker.settle(null, Dialect.forJdbcUrl("jdbc:h2:mem:settle")));
    }

    /**
     * Where the last checkpoint's record is in the WAL, from the control file: every checkpoint writes a new record, and
     * the control file is updated before CHECKPOINT returns (the statistics counters may lag behind it).
     */
    private static String lastCheckpoint(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT checkpoint_lsn FROM pg_control_checkpoint()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
