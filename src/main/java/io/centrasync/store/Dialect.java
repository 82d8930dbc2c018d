package io.centrasync.store;

import io.centrasync.mapping.ColumnType;

import java.util.List;

/** What differs between the databases we write to: type names and the upsert statement. */
public interface Dialect {

    String name();

    /** SQL type for a mapped column. */
    String sqlType(ColumnType type);

    /** Type of a generic text column of unbounded length (payloads, errors). */
    String textType();

    /** Type of a UTC instant. */
    default String instantType() {
        return "TIMESTAMP WITH TIME ZONE";
    }

    /** Changes a column's type, keeping its values (a widening; the database converts each value). */
    String alterColumnType(String table, String column, String sqlType);

    /** Auto-increment primary key column definition. */
    String identityColumn(String name);

    /**
     * Insert-or-update by key of {@code rows} rows in one statement (their keys must differ);
     * {@code placeholders} holds one bind marker per column (see {@link #placeholder}).
     */
    String upsert(String table, List<String> columns, List<String> placeholders, List<String> key, int rows);

    /** Insert-or-update of one row by key. */
    default String upsert(String table, List<String> columns, List<String> placeholders, List<String> key) {
        return upsert(table, columns, placeholders, key, 1);
    }

    /**
     * Copies into {@code table} the rows of {@code source} (same columns, same key) that it lacks or holds
     * with another {@code hashColumn}; rows whose hash is the same are left as they are. Its update count
     * is the number of rows inserted or changed.
     */
    String mergeChanged(String table, String source, List<String> columns, List<String> key, String hashColumn);

    /**
     * Whether {@code TRUNCATE} commits the open transaction (H2) rather than being part of it (PostgreSQL,
     * where it is rolled back with it and holds its lock until the commit).
     */
    /**
     * The statements that take and release a lock held by one connection across processes, around the creation
     * and evolution of tables (two processes starting on an empty database would race on CREATE TABLE); none
     * where the database has no such lock.
     */
    default List<String> schemaLock() {
        return List.of();
    }

    default boolean truncateCommits() {
        return false;
    }

    /** Bind marker for a column of this type ({@code ?}, or a cast where the driver needs one). */
    default String placeholder(ColumnType type) {
        return "?";
    }

    /**
     * How the database stores an unquoted identifier, for metadata lookups and {@code setSchema}:
     * H2 folds to upper case, PostgreSQL to lower case.
     */
    String metadataName(String identifier);

    /**
     * SQL name of an array element of this type for key lookups with array parameters, or null where keys of
     * this type are matched with a list of {@code ?} instead. H2 and PostgreSQL agree on these names.
     */
    default String arrayElementType(ColumnType type) {
        return switch (type) {
            case LONG -> "bigint";
            case INT -> "integer";
            case STRING -> "varchar";
            default -> null;
        };
    }

    /**
     * A parameter holding an array of {@code elementType} (see {@link #arrayElementType}), typed in the SQL
     * so that the database knows it before a value is bound; {@code UNNEST} of several such parameters
     * matches a page's composite keys in one short statement. Null where that is slower than a list of
     * {@code ?}: H2 does not use the key's index for {@code (k1, k2) IN (SELECT * FROM UNNEST(...))}.
     */
    default String arrayParameter(String elementType) {
        return null;
    }

    /** {@code (?, ?), (?, ?), ...}: the VALUES list of a statement that writes {@code rows} rows. */
    static String valueRows(List<String> placeholders, int rows) {
        String row = "(" + joined(placeholders) + ")";
        return String.join(", ", java.util.Collections.nCopies(rows, row));
    }

    static String joined(List<String> names) {
        return String.join(", ", names);
    }

    /** Upsert of plain (untyped) columns, as used for our own bookkeeping tables. */
    default String upsert(String table, List<String> columns, List<String> key) {
        return upsert(table, columns, java.util.Collections.nCopies(columns.size(), "?"), key);
    }

    static Dialect forJdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new io.centrasync.run.ConfigException("unsupported database URL '" + url.replaceAll("password=[^&;]*", "password=***")
                + "': use jdbc:h2:... or jdbc:postgresql:...");
    }
}
