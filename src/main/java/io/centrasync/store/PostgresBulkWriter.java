package io.centrasync.store;

import io.centrasync.mapping.ColumnType;
import io.centrasync.mapping.MappedRecord;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PostgreSQL's way of writing a page: the root rows go into a temporary table with {@code COPY}, and
 * one set-based {@code INSERT ... SELECT ... ON CONFLICT} upserts those whose hash differs from the
 * stored one, {@code RETURNING} which those were; only their child rows are then copied, straight into
 * the child tables, after deleting the ones stored under those parent keys.
 * Same result as the generic path in {@link PageWriter}, without
 * the separate hash lookup and with far less work per value on both sides than bound parameters.
 */
final class PostgresBulkWriter {

    private static final String IN = "_in_";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresBulkWriter.class);

    private final Dialect dialect;
    /** the SQL for a mapping's tables, built on first use (keyed by PageWriter's cached statement list) */
    private final Map<List<TableStatements>, Sql> sql = new java.util.concurrent.ConcurrentHashMap<>();
    /** null until checked: whether the user may create temporary tables (PUBLIC may by default) */
    private volatile Boolean usable;

    PostgresBulkWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Whether this path can be used: it needs the TEMPORARY privilege on the database, which PUBLIC has
     * unless an administrator revoked it. Checked once; without it pages go the batched way.
     */
    boolean usable(Connection c) throws SQLException {
        Boolean u = usable;
        if (u == null) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT has_database_privilege(current_database(), 'TEMPORARY')")) {
                u = rs.next() && rs.getBoolean(1);
            }
            if (!u) {
                LOG.warn("the database user may not create temporary tables (TEMPORARY privilege): pages are written with"
                        + " batched statements instead of COPY, which is slower");
            }
            usable = u;
        }
        return u;
    }

    /**
     * Writes the (key-unique) records on the caller's transaction; returns how many differed from what the
     * table held. {@code tables}: root first, then the child tables.
     */
    PageWriter.Written write(Connection c, List<TableStatements> tables, Collection<MappedRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return new PageWriter.Written(0, 0);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        Sql statements = sql.computeIfAbsent(tables, t -> new Sql(t, dialect));
        try (Statement s = c.createStatement()) {
            s.execute(statements.temporaryTables);
        }
        TableStatements root = tables.get(0);
        String syncedAt = TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC));
        StringBuilder text = new StringBuilder(records.size() * 256);
        for (MappedRecord r : records) {
            appendRow(text, r.row(), root.types);
            text.setLength(text.length() - 1);
            text.append('\t').append(syncedAt).append('\t').append(r.hash()).append('\n');
        }
        copy(pg, statements.copies.get(0), text);
        if (tables.size() == 1) {
            // no child rows to replace: the update count (rows inserted or changed) is all we need to know
            try (Statement s = c.createStatement()) {
                int changed = s.executeUpdate(statements.upsert);
                return new PageWriter.Written(changed, records.size() - changed);
            }
        }
        Set<String> changed = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(statements.upsertChanged)) {
            int keys = root.keyColumns.size();
            while (rs.next()) {
                Object[] key = new Object[keys];
                for (int k = 0; k < keys; k++) {
                    key[k] = ValueBinder.read(rs, k + 1, root.types[root.keyPositions[k]]);
                }
                changed.add(PageWriter.keyString(key, null));
            }
        }
        if (!changed.isEmpty()) {
            List<MappedRecord> written = records.stream()
                    .filter(r -> changed.contains(PageWriter.keyString(r.row(), root.keyPositions))).toList();
            for (int t = 1; t < tables.size(); t++) {
                replaceChildren(c, pg, root, tables.get(t), written, statements.copies.get(t));
            }
        }
        return new PageWriter.Written(changed.size(), records.size() - changed.size());
    }

    /**
     * Deletes the child rows of every written parent, whether or not its root row existed before (child rows
     * whose root row was deleted by hand would otherwise collide), then copies theirs in.
     */
    private void replaceChildren(Connection c, PGConnection pg, TableStatements root, TableStatements child,
                                 List<MappedRecord> written, String copy) throws SQLException {
        List<Object[]> parents = written.stream().map(MappedRecord::row).toList();
        try (PreparedStatement delete = child.whereKeys(c, dialect, "DELETE FROM " + child.target, parents, root)) {
            delete.executeUpdate();
        }
        StringBuilder text = new StringBuilder(written.size() * 512);
        for (MappedRecord r : written) {
            for (Object[] row : r.children().getOrDefault(child.table.name(), List.of())) {
                appendRow(text, row, child.types);
            }
        }
        if (text.isEmpty()) {
            return;
        }
        copy(pg, copy, text);
    }

    /** The statements for one mapping's tables (root first); index t of each list belongs to table t. */
    private static final class Sql {
        /**
         * A temporary table shaped like the root table, emptied at every commit. {@code IF NOT EXISTS} in the
         * page's own transaction each time (one round trip): a table created by a page that was then rolled
         * back is gone again, so "created once per session" cannot be remembered safely.
         */
        final String temporaryTables;
        /**
         * The root rows go to the temporary table, for the upsert; child rows straight into their table, as
         * only the children of written records are copied, after the old ones were deleted.
         */
        final List<String> copies;
        /** the upsert of the copied root rows that are new or differ */
        final String upsert;
        /** the same, returning their keys (for the child rows) */
        final String upsertChanged;

        Sql(List<TableStatements> tables, Dialect dialect) {
            TableStatements root = tables.get(0);
            temporaryTables = "CREATE TEMPORARY TABLE IF NOT EXISTS " + IN + root.table.name() + " ("
                    + String.join(", ", SchemaManager.columnDefinitions(root.table, dialect)) + ") ON COMMIT DELETE ROWS";
            List<String> copy = new ArrayList<>();
            for (TableStatements t : tables) {
                copy.add("COPY " + (t == root ? IN + t.table.name() : t.target) + " (" + String.join(", ", t.columns) + ") FROM STDIN");
            }
            copies = List.copyOf(copy);
            upsert = dialect.mergeChanged(root.target, IN + root.table.name(), root.columns, root.keyColumns, SchemaManager.ROW_HASH);
            upsertChanged = upsert
                    + " RETURNING " + root.keyColumns.stream().map(k -> "t." + k).collect(Collectors.joining(", "));
        }
    }

    private static void copy(PGConnection pg, String copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            pg.getCopyAPI().copyIn(copy, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SQLException(copy + " failed: " + e.getMessage(), "08006", e);
        }
    }

    /** One row in COPY's text format, tab-separated and newline-terminated. */
    static void appendRow(StringBuilder out, Object[] row, ColumnType[] types) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            appendValue(out, row[i], types[i]);
        }
        out.append('\n');
    }

    private static void appendValue(StringBuilder out, Object value, ColumnType type) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        switch (type) {
            case INT, LONG -> out.append(((Number) value).longValue());
            case DECIMAL -> out.append(value instanceof BigDecimal d ? d.toPlainString() : new BigDecimal(value.toString()).toPlainString());
            case TIMESTAMP -> out.append(TIMESTAMP.format((OffsetDateTime) value));
            case DATE, BOOLEAN -> out.append(value);
            case JSON -> appendText(out, NulCharacters.inJson(value.toString()));
            default -> appendText(out, NulCharacters.inText(value.toString()));
        }
    }

    /** COPY text escapes: backslash, and the tab, newline and carriage return that would end a field or row. */
    private static void appendText(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
