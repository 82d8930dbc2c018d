package io.centrasync.it;

import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A schema that already holds a table named like one of our bookkeeping tables: the start stops and
 * says which setting gives ours other names; with a prefix, the sync runs beside the user's table.
 */
class SystemTablePrefixTest {

    private static final List<Map<String, Object>> FOREIGN_ROWS = List.of(Map.of("id", 7, "note", "theirs"));

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aForeignDeadLetterTableStopsTheStartWithOneLineNamingItAndThePrefixSetting(TestDatabase.Kind kind) {
        try (SyncHarness harness = new SyncHarness(40, "mappings/default", kind.open())) {
            createForeignDeadLetter(harness.database);

            CommandLineTest.Result r = CommandLineTest.cli(env(harness), "sync", "orders");

            assertEquals(2, r.code(), r.all());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("table dead_letter exists but is not ours") && r.err().contains("sink.system-table-prefix"),
                    r.err());
            assertFalse(r.err().contains("sync_state"), r.err());
            assertEquals(FOREIGN_ROWS, harness.query("SELECT id, note FROM dead_letter"));
            assertEquals(List.of("id", "note"), columns(harness.database, "dead_letter"));
            assertEquals(List.of(), columns(harness.database, "sync_state"), "nothing is created before the check");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void withAPrefixAFullSyncRunsBesideTheForeignTableAndLeavesItUntouched(TestDatabase.Kind kind) {
        try (SyncHarness harness = new SyncHarness(40, "mappings/default", kind.open())) {
            createForeignDeadLetter(harness.database);
            Map<String, String> env = env(harness);
            env.put("SINK_SYSTEM_TABLE_PREFIX", "cs_");

            CommandLineTest.Result r = CommandLineTest.cli(env, "sync");

            assertEquals(0, r.code(), r.all());
            assertEquals(40, harness.count("orders"));
            assertEquals(4, ((Number) harness.query("SELECT COUNT(*) AS n FROM cs_sync_runs WHERE status = 'ok'").get(0).get("n"))
                    .intValue());
            assertEquals(4, harness.count("cs_sync_state"));
            assertEquals(0, harness.count("cs_dead_letter"));
            assertEquals(FOREIGN_ROWS, harness.query("SELECT id, note FROM dead_letter"));
            assertEquals(List.of("id", "note"), columns(harness.database, "dead_letter"));
            assertEquals(List.of(), columns(harness.database, "sync_state"));

            CommandLineTest.Result dlq = CommandLineTest.cli(env, "dlq", "list");
            assertEquals(0, dlq.code(), dlq.all());
            assertTrue(dlq.out().contains("0 dead letter(s)"), dlq.out());
        }
    }

    @Test
    void aPrefixThatIsNoPlainSqlNameIsOneLineAndExitTwo() {
        try (SyncHarness harness = new SyncHarness(1, "mappings/default")) {
            Map<String, String> env = env(harness);
            env.put("SINK_SYSTEM_TABLE_PREFIX", "cs; DROP TABLE orders; --");
            CommandLineTest.Result r = CommandLineTest.cli(env, "sync");
            assertEquals(2, r.code(), r.all());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("sink.system-table-prefix 'cs; DROP TABLE orders; --' is not a plain SQL name part"), r.err());
        }
    }

    private static void createForeignDeadLetter(TestDatabase db) {
        db.dataSource(1).close(); // creates the test's PostgreSQL schema
        db.execute("CREATE TABLE dead_letter (id INTEGER PRIMARY KEY, note VARCHAR(20))");
        db.execute("INSERT INTO dead_letter (id, note) VALUES (7, 'theirs')");
    }

    /** The columns of a table of the test's schema, lower-case; empty when there is no such table. */
    private static List<String> columns(TestDatabase db, String table) {
        try (var c = db.connect()) {
            String name = db.kind() == TestDatabase.Kind.H2 ? table.toUpperCase() : table;
            try (var rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), name, null)) {
                List<String> columns = new java.util.ArrayList<>();
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase());
                }
                return columns;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command line's environment for {@code harness}'s simulator and database. */
    static Map<String, String> env(SyncHarness harness) {
        Map<String, String> env = new HashMap<>();
        env.put("CENTRA_ENDPOINT", harness.simulator.endpoint());
        env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
        env.put("CENTRA_RETRIES", "1");
        env.put("CENTRA_RATE_READ_LIMITS", "false");
        env.put("SINK_JDBC_URL", harness.database.jdbcUrl());
        env.put("SINK_JDBC_USER", harness.database.user());
        env.put("SINK_JDBC_PASSWORD", harness.database.password());
        env.put("SINK_SCHEMA", harness.database.schema());
        return env;
    }
}
