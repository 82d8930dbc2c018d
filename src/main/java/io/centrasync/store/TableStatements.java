package io.centrasync.store;

import io.centrasync.mapping.ColumnSpec;
import io.centrasync.mapping.ColumnType;
import io.centrasync.mapping.TableSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL for one mapped table, built once per mapping: upsert (root) or insert (child), and key lookups. */
final class TableStatements {

    /**
     * Rows per multi-row write statement. H2 runs each row of a JDBC batch as a command of its own; one
     * statement of 50 rows took about 12 % less CPU per page of 200 roots and 600 lines than a batch of
     * single rows (H2 2.4, a stand-alone probe). Fewer for a wide table, far below PostgreSQL's 32,767
     * bind parameters.
     */
    private static final int ROWS_PER_STATEMENT = 50;
    private static final int MAX_PARAMETERS = 5_000;

    final TableSpec table;
    /** where rows go: the table itself, or its staging table during a snapshot */
    final String target;
    /** writes one row */
    final String writeOne;
    /** writes {@link #rowsPerStatement} rows */
    final String writeMany;
    final int rowsPerStatement;
    final ColumnType[] types;
    /** positions of the key (root) or parent-key (child) columns within the row */
    final int[] keyPositions;
    final List<String> keyColumns;
    /** the columns a write fills, in row order; a root table's end with {@code _synced_at, _row_hash} */
    final List<String> columns;

    TableStatements(TableSpec table, Dialect dialect, String target) {
        this.table = table;
        this.target = target;
        List<String> columns = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        types = new ColumnType[table.columns().size()];
        for (int i = 0; i < types.length; i++) {
            ColumnSpec c = table.columns().get(i);
            columns.add(c.name());
            placeholders.add(dialect.placeholder(c.type()));
            types[i] = c.type();
        }
        if (table.child()) {
            keyColumns = table.parentKeyColumns();
        } else {
            keyColumns = table.key();
            columns.add(SchemaManager.SYNCED_AT);
            placeholders.add("?");
            columns.add(SchemaManager.ROW_HASH);
            placeholders.add("?");
        }
        rowsPerStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PARAMETERS / columns.size()));
        writeOne = write(dialect, columns, placeholders, 1);
        writeMany = write(dialect, columns, placeholders, rowsPerStatement);
        this.columns = List.copyOf(columns);
        keyPositions = new int[keyColumns.size()];
        for (int k = 0; k < keyPositions.length; k++) {
            keyPositions[k] = columnIndex(table, keyColumns.get(k));
        }
    }

    /** Upsert by key (root), or insert (child: its rows were deleted first), of {@code rows} rows. */
    private String write(Dialect dialect, List<String> columns, List<String> placeholders, int rows) {
        return table.child()
                ? "INSERT INTO " + target + " (" + Dialect.joined(columns) + ") VALUES " + Dialect.valueRows(placeholders, rows)
                : dialect.upsert(target, columns, placeholders, table.key(), rows);
    }

    private static int columnIndex(TableSpec table, String name) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + table.name() + " has no column " + name);
    }

    /**
     * Prepares {@code sqlHead WHERE <key in the keys of these root rows>} with the keys bound. Keys of
     * simple types (text, long, int) are bound as one array per key column: {@code key = ANY(?)} for a
     * one-column key, {@code (k1, k2) IN (SELECT * FROM UNNEST(?, ?))} for a composite one where the
     * database plans that well (PostgreSQL; see {@link Dialect#arrayParameter}). The statement
     * text is then the same whatever the page size, and short, where a list of {@code ?} per row made the
     * database parse and plan hundreds of conditions on every page.
     *
     * @param rootKey positions and types of the key values within {@code rows} (the root table's key)
     */
    PreparedStatement whereKeys(Connection c, Dialect dialect, String sqlHead, List<Object[]> rows, TableStatements rootKey)
            throws SQLException {
        List<String> arrayTypes = arrayTypes(dialect, rootKey);
        if (arrayTypes != null) {
            String condition = keyColumns.size() == 1 ? keyColumns.get(0) + " = ANY(?)"
                    : "(" + String.join(", ", keyColumns) + ") IN (SELECT * FROM UNNEST("
                    + String.join(", ", arrayTypes.stream().map(dialect::arrayParameter).toList()) + "))";
            return bound(c.prepareStatement(sqlHead + " WHERE " + condition), ps -> {
                for (int k = 0; k < arrayTypes.size(); k++) {
                    int pos = rootKey.keyPositions[k];
                    Object[] keys = new Object[rows.size()];
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = arrayElement(rows.get(i)[pos], rootKey.types[pos]);
                    }
                    ps.setArray(k + 1, c.createArrayOf(arrayTypes.get(k), keys));
                }
            });
        }
        StringBuilder sql = new StringBuilder(sqlHead).append(" WHERE ");
        String one = "(" + String.join(" = ? AND ", keyColumns) + " = ?)";
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append(one);
        }
        return bound(c.prepareStatement(sql.toString()), ps -> {
            int p = 1;
            for (Object[] row : rows) {
                for (int pos : rootKey.keyPositions) {
                    ValueBinder.bind(ps, p++, row[pos], rootKey.types[pos]);
                }
            }
        });
    }

    /** Element types of the key's arrays, or null where the keys are matched with a list of {@code ?}. */
    private List<String> arrayTypes(Dialect dialect, TableStatements rootKey) {
        List<String> types = new ArrayList<>();
        for (int pos : rootKey.keyPositions) {
            String type = dialect.arrayElementType(rootKey.types[pos]);
            boolean usable = type != null && (keyColumns.size() == 1 || dialect.arrayParameter(type) != null);
            if (!usable) {
                return null;
            }
            types.add(type);
        }
        return types;
    }

    private interface Binding {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The statement with its parameters bound; closed if binding fails. */
    private static PreparedStatement bound(PreparedStatement ps, Binding binding) throws SQLException {
        try {
            binding.bind(ps);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static Object arrayElement(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case LONG -> ((Number) value).longValue();
            case INT -> ((Number) value).intValue();
            default -> NulCharacters.inText(value.toString());
        };
    }
}
