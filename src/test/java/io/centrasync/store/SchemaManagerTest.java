package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables are created, found and evolved in the configured schema only (sink.schema). */
class SchemaManagerTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void tablesLiveInTheConfiguredSchemaAndATableOfTheSameNameElsewhereIsIgnored(TestDatabase.Kind kind) throws Exception {
        EntityMapping mapping = MappingLoader.load(Path.of("mappings/default/orders.yaml"));
        try (TestDatabase db = kind.open(); TestDatabase ours = db.withSchema(TestDatabase.freshSchemaName());
             TestDatabase other = db.withSchema(TestDatabase.freshSchemaName())) {
            // a foreign "orders" whose number column could not hold our long: mistaking it for ours would fail the start
            try (HikariDataSource foreign = other.dataSource(1)) {
                try (var c = foreign.getConnection(); var s = c.createStatement()) {
                    s.execute("CREATE TABLE orders (id VARCHAR(10) PRIMARY KEY, number INTEGER)");
                }
            }
            try (HikariDataSource ds = ours.dataSource(2)) {
                SchemaManager schema = new SchemaManager(ds, Dialect.forJdbcUrl(db.jdbcUrl()), SystemTables.DEFAULT);
                schema.ensureSystemTables();
                schema.ensure(mapping.tables());
                Map<String, Integer> columns = schema.existingColumns("orders");
                assertTrue(columns.keySet().containsAll(List.of("id", "number", "grand_total", "_row_hash")), columns.toString());

                // evolution happens in our schema too: a dropped column comes back, the foreign table stays as it was
                ours.execute("ALTER TABLE orders DROP COLUMN currency");
                assertFalse(schema.existingColumns("orders").containsKey("currency"));
                schema.ensure(mapping.tables());
                assertTrue(schema.existingColumns("orders").containsKey("currency"));
                assertEquals(0, ours.query("SELECT * FROM order_lines").size());
            }
            try (HikariDataSource foreign = other.dataSource(1)) {
                assertEquals(Map.of("id", java.sql.Types.VARCHAR, "number", java.sql.Types.INTEGER),
                        new SchemaManager(foreign, Dialect.forJdbcUrl(db.jdbcUrl()), SystemTables.DEFAULT).existingColumns("orders"));
            }
        }
    }

    /** A user's own table that happens to have a mapped table's name is never altered: the start stops and says why. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aTableOfTheSameNameWithAnotherKeyIsLeftAloneAndStopsTheStart(TestDatabase.Kind kind) throws Exception {
        EntityMapping mapping = MappingLoader.load(Path.of("mappings/default/orders.yaml"));
        try (TestDatabase db = kind.open(); HikariDataSource ds = db.dataSource(2)) {
            db.execute("CREATE TABLE orders (order_no VARCHAR(10) PRIMARY KEY, customer VARCHAR(50))");
            db.execute("INSERT INTO orders (order_no, customer) VALUES ('A-1', 'Ada')");
            SchemaManager schema = new SchemaManager(ds, Dialect.forJdbcUrl(db.jdbcUrl()), SystemTables.DEFAULT);
            io.centrasync.run.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(io.centrasync.run.ConfigException.class,
                    () -> schema.ensure(mapping.tables()));
            assertTrue(e.getMessage().startsWith("table orders exists but is not the mapping's: its primary key is (order_no), "
                    + "the mapping's key is (id)"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(Map.of("order_no", java.sql.Types.VARCHAR, "customer", java.sql.Types.VARCHAR), schema.existingColumns("orders"));
            assertEquals(1, db.query("SELECT * FROM orders").size());
            assertTrue(schema.existingColumns("order_lines").isEmpty(), "nothing of the mapping was created either");
        }
    }

    /** A sync_state of an earlier version gains the column run_staged, and its in-flight run keeps its checkpoint (read as staged). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void anEarlierSyncStateGainsRunStaged(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = kind.open(); HikariDataSource ds = db.dataSource(2)) {
            SchemaManager schema = new SchemaManager(ds, Dialect.forJdbcUrl(db.jdbcUrl()), SystemTables.DEFAULT);
            schema.ensureSystemTables();
            db.execute("ALTER TABLE sync_state DROP COLUMN run_staged");
            db.execute("INSERT INTO sync_state (entity, run_id, run_pages) VALUES ('inventory', 'r1', 3)");
            schema.ensureSystemTables();
            schema.ensureSystemTables(); // and again: nothing to add
            assertTrue(schema.existingColumns("sync_state").containsKey("run_staged"));
            List<Map<String, Object>> rows = db.query("SELECT run_id, run_pages, run_staged FROM sync_state");
            assertEquals(1, rows.size());
            assertEquals("r1", rows.get(0).get("run_id"));
            assertEquals(3, ((Number) rows.get(0).get("run_pages")).intValue());
            assertEquals(null, rows.get(0).get("run_staged"), "an earlier run reads as staged");
        }
    }

    /** A sync_runs of an earlier version gains the columns naming each run's process, and keeps its rows. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void anEarlierSyncRunsGainsTheOwnerColumns(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = kind.open(); HikariDataSource ds = db.dataSource(2)) {
            SchemaManager schema = new SchemaManager(ds, Dialect.forJdbcUrl(db.jdbcUrl()), SystemTables.DEFAULT);
            schema.ensureSystemTables();
            for (String column : List.of("node", "pid", "process_started_at")) {
                db.execute("ALTER TABLE sync_runs DROP COLUMN " + column);
            }
            db.execute("INSERT INTO sync_runs (run_id, entity, started_at, status) VALUES ('r1', 'orders', CURRENT_TIMESTAMP, 'ok')");
            schema.ensureSystemTables();
            assertTrue(schema.existingColumns("sync_runs").keySet().containsAll(List.of("node", "pid", "process_started_at")));
            assertEquals(List.of(Map.of("run_id", "r1", "status", "ok")), db.query("SELECT run_id, status FROM sync_runs"));
        }
    }
}
