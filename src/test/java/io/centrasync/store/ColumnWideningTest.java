package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.ConfigException;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Columns are widened where no value can be lost, in the live and the staging tables of a snapshot entity. */
class ColumnWideningTest {

    private static final String PHYSICAL_INT = "physical_quantity:          {path: physicalQuantity, type: int, required: true}";
    private static final String PHYSICAL_LONG = PHYSICAL_INT.replace("type: int", "type: long");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void intToLongAndBoundedToUnboundedTextAreWidenedInLiveAndStagingTables(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = kind.open(); HikariDataSource ds = db.dataSource(2)) {
            Dialect dialect = Dialect.forJdbcUrl(db.jdbcUrl());
            SchemaManager schema = new SchemaManager(ds, dialect, SystemTables.DEFAULT);
            schema.ensure(inventory(dir));
            for (String table : List.of("stock", "_stage_stock")) {
                db.execute(dialect.alterColumnType(table, "sku", "VARCHAR(12)"));
                db.execute("INSERT INTO " + table + " (warehouse_id, product_size_id, sku, physical_quantity) VALUES (1, 2, 'SKU-1', 7)");
            }

            schema.ensure(inventory(dir, PHYSICAL_INT, PHYSICAL_LONG));
            for (String table : List.of("stock", "_stage_stock")) {
                assertEquals(Types.BIGINT, column(db, table, "physical_quantity").jdbcType(), table);
                assertTrue(column(db, table, "sku").size() >= 1_000_000_000, table + ": sku is unbounded");
                assertEquals(Map.of("sku", "SKU-1", "physical_quantity", 7L), db.query("SELECT sku, physical_quantity FROM " + table)
                        .stream().map(r -> Map.of("sku", r.get("sku"), "physical_quantity", ((Number) r.get("physical_quantity")).longValue()))
                        .findFirst().orElseThrow(), table);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aChangeOfKindStopsWithNothingAltered(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = kind.open(); HikariDataSource ds = db.dataSource(2)) {
            SchemaManager schema = new SchemaManager(ds, Dialect.forJdbcUrl(db.jdbcUrl()), SystemTables.DEFAULT);
            schema.ensure(inventory(dir));
            // a widening and, in the same mapping, a change of kind: the start stops before either is applied
            EntityMapping changed = inventory(dir, PHYSICAL_INT, PHYSICAL_LONG,
                    "allocated_quantity:         {path: allocatedQuantity, type: int}",
                    "allocated_quantity:         {path: allocatedQuantity, type: string}");
            ConfigException e = assertThrows(ConfigException.class, () -> schema.ensure(changed));
            assertTrue(e.getMessage().startsWith("table stock: column allocated_quantity exists with JDBC type INTEGER, which cannot"
                    + " hold the mapped type string"), e.getMessage());
            assertEquals(Types.INTEGER, column(db, "stock", "physical_quantity").jdbcType());
        }
    }

    /** The default inventory mapping with each text of the {@code fromTo} pairs replaced by the next. */
    private static EntityMapping inventory(Path dir, String... fromTo) throws Exception {
        String yaml = Files.readString(Path.of("mappings/default/inventory.yaml"));
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(yaml.contains(fromTo[i]), "mappings/default/inventory.yaml has no " + fromTo[i]);
            yaml = yaml.replace(fromTo[i], fromTo[i + 1]);
        }
        Files.copy(Path.of("mappings/default/inventory.graphql"), dir.resolve("inventory.graphql"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("inventory.yaml"), yaml);
        return MappingLoader.load(dir.resolve("inventory.yaml"));
    }

    private record Column(int jdbcType, int size) {
    }

    private static Column column(TestDatabase db, String table, String name) throws SQLException {
        Dialect dialect = Dialect.forJdbcUrl(db.jdbcUrl());
        try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(),
                dialect.metadataName(table), dialect.metadataName(name))) {
            assertTrue(rs.next(), table + "." + name);
            return new Column(rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"));
        }
    }
}
