package io.centrasync.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database failures are an outage worth waiting for, with the drivers' real exceptions where they are cheap to get. */
class SqlFailuresTest {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void refusedAndBrokenConnectionsPoolTimeoutsAndRestartsAreOutages() throws Exception {
        assertTrue(SqlFailures.isOutage(new SQLTransientConnectionException("centra-sync - Connection is not available, request timed out after 1000ms")));
        assertTrue(SqlFailures.isOutage(new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(SqlFailures.isOutage(new SQLException("Connection refused", "08001")));
        assertTrue(SqlFailures.isOutage(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(SqlFailures.isOutage(new SQLException("the database system is starting up", "57P03")));
        assertTrue(SqlFailures.isOutage(new SQLException("deadlock detected", "40P01")));
        assertTrue(SqlFailures.isOutage(new SinkException("orders: page 3 was not written",
                new SQLTransientConnectionException("pool timeout", new SQLException("Connection refused", "08001")))));

        int port = closedPort();
        SQLException h2 = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/x", "sa", ""));
        assertTrue(SqlFailures.isOutage(h2), h2.getClass() + " " + h2.getSQLState() + " " + h2.getMessage());
        Properties props = new Properties();
        props.setProperty("connectTimeout", "2");
        SQLException pg = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/x", props));
        assertTrue(SqlFailures.isOutage(pg), pg.getClass() + " " + pg.getSQLState() + " " + pg.getMessage());
    }

    @Test
    void failuresThatWaitingCannotFixAreNot() throws Exception {
        assertFalse(SqlFailures.isOutage(new SQLIntegrityConstraintViolationException("duplicate key", "23505")));
        assertFalse(SqlFailures.isOutage(new SQLException("syntax error", "42601")));
        assertFalse(SqlFailures.isOutage(new SQLException("password authentication failed", "28P01")));
        assertFalse(SqlFailures.isOutage(new SQLException("another process took over this run of orders (sync_state names another run now)")));
        assertFalse(SqlFailures.isOutage(new SinkException("cannot prepare tables", new SQLException("value too long", "22001"))));
        assertFalse(SqlFailures.isOutage(new IllegalStateException("bug")));

        try (var c = DriverManager.getConnection("jdbc:h2:mem:sf-" + UUID.randomUUID(), "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1)");
            SQLException duplicate = assertThrows(SQLException.class, () -> s.execute("INSERT INTO t VALUES (1)"));
            assertFalse(SqlFailures.isOutage(duplicate), duplicate.getMessage());
            SQLException missing = assertThrows(SQLException.class, () -> s.execute("SELECT * FROM nowhere"));
            assertFalse(SqlFailures.isOutage(missing), missing.getMessage());
        }
    }

    @Test
    void theReasonIsOneLineAndNamesWhatAPoolTimeoutHides() {
        SQLException timeout = new SQLTransientConnectionException("centra-sync - Connection is not available, request timed out after 1000ms",
                new SQLException("Connection refused", "08001"));
        assertEquals("centra-sync - Connection is not available, request timed out after 1000ms (Connection refused)",
                SqlFailures.reason(timeout));
        assertEquals("Connection is broken: \"reset\" [90067-240]",
                SqlFailures.reason(new SQLException("Connection is broken:\n  \"reset\" [90067-240]", "90067", 90067)));
    }

    @Test
    void refusedValuesAreToldApartFromBrokenStatementsAndOutages() {
        assertTrue(SqlFailures.isRejectedValue(new SQLIntegrityConstraintViolationException("duplicate key", "23505")));
        assertTrue(SqlFailures.isRejectedValue(new SQLException("value too long", "22001")));
        assertTrue(SqlFailures.isRejectedValue(new SQLException("index row size 8016 exceeds btree version 4 maximum 2704", "54000")));
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("Batch entry 0 INSERT INTO t VALUES (1) was aborted",
                "23505", new int[0]);
        batch.setNextException(new SQLException("ERROR: duplicate key value violates unique constraint \"t_pkey\"\n  Detail: Key (id)=(1) already exists.", "23505"));
        assertEquals("the database refused it: ERROR: duplicate key value violates unique constraint \"t_pkey\" Detail: Key (id)=(1) already exists.",
                SqlFailures.refusal(new SinkException("page 1", batch)));
        assertEquals("the database refused it: Value too long for column \"X\"",
                SqlFailures.refusal(new SQLException("Value too long for column \"X\"; SQL statement:\nINSERT INTO t VALUES (?) [22001-240]", "22001")));

        assertFalse(SqlFailures.isRejectedValue(new SQLException("relation \"orders\" does not exist", "42P01")));
        assertFalse(SqlFailures.isRejectedValue(new SQLException("I/O error", "08006")));
        assertFalse(SqlFailures.isRejectedValue(new SQLException("deadlock detected", "40P01")));
        assertFalse(SqlFailures.isRejectedValue(new IllegalStateException("bug")));
    }
}
