package io.centrasync.store;

import io.centrasync.mapping.ColumnType;

import java.util.List;
import java.util.stream.Collectors;

/** PostgreSQL: {@code INSERT ... ON CONFLICT DO UPDATE}. */
public final class PostgresDialect implements Dialect {

    /** A session advisory lock under a key of ours: other processes of the connector wait for it. */
    @Override
    public List<String> schemaLock() {
        return List.of("SELECT pg_advisory_lock(7384011264419307339)", "SELECT pg_advisory_unlock(7384011264419307339)");
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case STRING -> "TEXT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DECIMAL -> "NUMERIC";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> instantType();
            case DATE -> "DATE";
            case JSON -> "JSONB";
        };
    }

    @Override
    public String textType() {
        return "TEXT";
    }

    @Override
    public String alterColumnType(String table, String column, String sqlType) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + sqlType;
    }

    @Override
    public String identityColumn(String name) {
        return name + " BIGSERIAL PRIMARY KEY";
    }

    @Override
    public String arrayParameter(String elementType) {
        return "CAST(? AS " + elementType + "[])";
    }

    @Override
    public String placeholder(ColumnType type) {
        // a text parameter is not implicitly cast to jsonb
        return type == ColumnType.JSON ? "CAST(? AS JSONB)" : "?";
    }

    @Override
    public String upsert(String table, List<String> columns, List<String> placeholders, List<String> key, int rows) {
        List<String> updates = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.toList());
        String conflict = updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ", updates);
        return "INSERT INTO " + table + " (" + Dialect.joined(columns) + ") VALUES " + Dialect.valueRows(placeholders, rows)
                + " ON CONFLICT (" + Dialect.joined(key) + ") " + conflict;
    }

    @Override
    public String mergeChanged(String table, String source, List<String> columns, List<String> key, String hashColumn) {
        // INSERT ... ON CONFLICT rather than MERGE, which PostgreSQL has only from version 15
        List<String> updates = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = EXCLUDED." + c).toList();
        return "INSERT INTO " + table + " AS t (" + Dialect.joined(columns) + ") SELECT " + Dialect.joined(columns) + " FROM " + source
                + " ON CONFLICT (" + Dialect.joined(key) + ") DO UPDATE SET " + String.join(", ", updates)
                + " WHERE t." + hashColumn + " IS DISTINCT FROM EXCLUDED." + hashColumn;
    }

    @Override
    public String metadataName(String identifier) {
        // PostgreSQL folds unquoted identifiers to lower case
        return identifier.toLowerCase(java.util.Locale.ROOT);
    }
}
