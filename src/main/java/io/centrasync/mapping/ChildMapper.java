package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Maps the elements of one child path (e.g. {@code lines[]}) of a record to rows of one child table. */
final class ChildMapper {
    private final String table;
    private final ListPath path;
    private final int parentKeyCount;
    private final boolean position;
    private final ColumnReader[] columns;
    private final int firstColumn;

    ChildMapper(String table, ListPath path, int parentKeyCount, boolean position, ColumnReader[] columns) {
        this.table = table;
        this.path = path;
        this.parentKeyCount = parentKeyCount;
        this.position = position;
        this.columns = columns;
        this.firstColumn = parentKeyCount + (position ? 1 : 0);
    }

    String table() {
        return table;
    }

    int depth() {
        return path.depth();
    }

    /**
     * Rows for one record. {@code levels[0]} holds the record; {@code parentKey} the root key values in parent-key
     * order.
     */
    List<Object[]> map(JsonNode[] levels, Object[] parentKey, String recordKey, ColumnReader.ExprInput exprs,
                       ValueConverter converter) throws RecordMappingException {
        List<Object[]> rows = new ArrayList<>();
        int depth = path.depth();
        path.forEachElement(levels, lv -> {
            Object[] row = new Object[firstColumn + columns.length];
            System.arraycopy(parentKey, 0, row, 0, parentKeyCount);
            int index = rows.size() + 1;
            if (position) {
                row[parentKeyCount] = index;
            }
            for (int c = 0; c < columns.length; c++) {
                try {
                    row[firstColumn + c] = columns[c].read(lv, depth, exprs, converter);
                } catch (ColumnReader.ColumnFailure e) {
                    throw failure(recordKey, columns[c], index, e);
                }
            }
            rows.add(row);
        });
        return rows;
    }

    private RecordMappingException failure(String recordKey, ColumnReader column, int index, ColumnReader.ColumnFailure e) {
        String where = table + "." + column.name() + " (" + column.source() + ") in element " + index + " of " + path;
        return new RecordMappingException(recordKey, e == ColumnReader.ColumnFailure.MISSING
                ? "required column " + where + " is missing"
                : "column " + where + ": " + e.getMessage());
    }
}
