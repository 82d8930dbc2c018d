package io.centrasync.sink;

import io.centrasync.mapping.ColumnSpec;
import io.centrasync.mapping.ColumnType;
import io.centrasync.mapping.TableSpec;

import java.util.ArrayList;
import java.util.List;

/** The SQL for one mapped table, built once per mapping: upsert (root) or insert (child), and key lookups. */
final class TableStatements {

    final TableSpec table;
    /** where rows go: the table itself, or its staging table during a snapshot */
    final String target;
    final String write;
    final ColumnType[] types;
    /** positions of the key (root) or parent-key (child) columns within the row */
    final int[] keyPositions;
    final List<String> keyColumns;

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
            write = "INSERT INTO " + target + " (" + Dialect.joined(columns) + ") VALUES (" + Dialect.joined(placeholders) + ")";
        } else {
            keyColumns = table.key();
            columns.add(SchemaManager.SYNCED_AT);
            placeholders.add("?");
            columns.add(SchemaManager.ROW_HASH);
            placeholders.add("?");
            write = dialect.upsert(target, columns, placeholders, table.key());
        }
        keyPositions = new int[keyColumns.size()];
        for (int k = 0; k < keyPositions.length; k++) {
            keyPositions[k] = columnIndex(table, keyColumns.get(k));
        }
    }

    private static int columnIndex(TableSpec table, String name) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + table.name() + " has no column " + name);
    }

    /** {@code WHERE} clause matching {@code count} keys of this table's key (root) or parent key (child). */
    String whereKeys(int count) {
        StringBuilder sql = new StringBuilder();
        if (keyColumns.size() == 1) {
            sql.append(keyColumns.get(0)).append(" IN (").append("?, ".repeat(count));
            sql.setLength(sql.length() - 2);
            return sql.append(')').toString();
        }
        String one = "(" + String.join(" = ? AND ", keyColumns) + " = ?)";
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : " OR ").append(one);
        }
        return sql.toString();
    }
}
