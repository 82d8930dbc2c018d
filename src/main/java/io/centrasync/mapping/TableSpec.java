package io.centrasync.mapping;

import java.util.List;

/**
 * A table the mapping writes.
 *
 * @param name             SQL table name
 * @param key              primary-key columns (upsert key)
 * @param columns          every column in insert order: key columns included; for child tables the
 *                         parent-key columns come first, then the position column (if any), then the declared columns
 * @param child            true for a child table (one row per list element of the record)
 * @param parentKeyColumns for a child table, the columns that receive the parent's key, in parent-key order;
 *                         empty for the root table
 */
public record TableSpec(String name, List<String> key, List<ColumnSpec> columns, boolean child,
                        List<String> parentKeyColumns) {
    public TableSpec {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        parentKeyColumns = List.copyOf(parentKeyColumns);
    }

    /** Index of a column in {@link #columns()} (and so in a row), or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
