package io.centrasync.store;

import io.centrasync.mapping.ColumnType;
import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialectTest {

    @Test
    void h2MergesByKey() {
        assertEquals("MERGE INTO orders (id, n) KEY (id) VALUES (?, ?)", new H2Dialect().upsert("orders", List.of("id", "n"), List.of("id")));
        assertEquals("MERGE INTO orders (id, n) KEY (id) VALUES (?, ?), (?, ?), (?, ?)",
                new H2Dialect().upsert("orders", List.of("id", "n"), List.of("?", "?"), List.of("id"), 3));
    }

    @Test
    void postgresUpdatesOnConflictAndCastsJson() {
        PostgresDialect pg = new PostgresDialect();
        assertEquals("INSERT INTO t (a, b, j) VALUES (?, ?, CAST(? AS JSONB)) ON CONFLICT (a, b) DO UPDATE SET j = EXCLUDED.j",
                pg.upsert("t", List.of("a", "b", "j"), List.of("?", "?", pg.placeholder(ColumnType.JSON)), List.of("a", "b")));
        assertEquals("INSERT INTO t (a) VALUES (?) ON CONFLICT (a) DO NOTHING", pg.upsert("t", List.of("a"), List.of("a")));
        assertEquals("INSERT INTO t (a) VALUES (?), (?) ON CONFLICT (a) DO NOTHING", pg.upsert("t", List.of("a"), List.of("?"), List.of("a"), 2));
    }

    @Test
    void theDialectFollowsTheJdbcUrl() {
        assertEquals("h2", Dialect.forJdbcUrl("jdbc:h2:mem:x").name());
        assertEquals("postgresql", Dialect.forJdbcUrl("jdbc:postgresql://localhost/test").name());
    }

    @Test
    void anExistingColumnMustHoldTheMappedType() {
        assertTrue(SchemaManager.holds(Types.BIGINT, ColumnType.INT));
        assertFalse(SchemaManager.holds(Types.INTEGER, ColumnType.LONG));
        assertFalse(SchemaManager.holds(Types.VARCHAR, ColumnType.DECIMAL));
        assertTrue(SchemaManager.holds(Types.TIMESTAMP_WITH_TIMEZONE, ColumnType.TIMESTAMP));
    }
}
