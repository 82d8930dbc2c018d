package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one Centra record into a root row plus child rows, as compiled from a mapping file. Thread-safe and
 * stateless: paths are pre-split, conversions hand-written, JSONata only runs (and the record is only converted
 * to plain Java) when the mapping has {@code expr:} columns.
 */
public final class RecordMapper {
    private final ColumnReader[] columns;
    private final int[] keyIndexes;
    private final boolean[] isKey;
    private final ChildMapper[] children;
    private final PathExpression cursorPath;
    private final ValueConverter converter;
    private final boolean usesExpr;
    private final int maxDepth;

    RecordMapper(ColumnReader[] columns, int[] keyIndexes, ChildMapper[] children, PathExpression cursorPath,
                 ValueConverter converter, boolean usesExpr) {
        this.columns = columns;
        this.keyIndexes = keyIndexes;
        this.isKey = new boolean[columns.length];
        for (int k : keyIndexes) {
            isKey[k] = true;
        }
        this.children = children;
        this.cursorPath = cursorPath;
        this.converter = converter;
        this.usesExpr = usesExpr;
        int depth = 0;
        for (ChildMapper c : children) {
            depth = Math.max(depth, c.depth());
        }
        this.maxDepth = depth;
    }

    /**
     * Maps one record (one element of the response's records path).
     *
     * @throws RecordMappingException naming the column, path and bad value; {@link RecordMappingException#recordKey()}
     *                                is the record's key when that could be read
     */
    public MappedRecord map(JsonNode record) throws RecordMappingException {
        if (record == null || !record.isObject()) {
            throw new RecordMappingException(null, "the record is not a JSON object: "
                    + (record == null ? "null" : ValueConverter.shorten(record.toString())));
        }
        JsonNode[] levels = new JsonNode[maxDepth + 1];
        levels[0] = record;
        ColumnReader.ExprInput exprs = usesExpr ? new ColumnReader.ExprInput(record) : null;
        Object[] row = new Object[columns.length];
        // the key first, so that any later failure can name the record
        for (int k : keyIndexes) {
            row[k] = read(k, levels, exprs, null);
        }
        String key = joinKey(row);
        for (int c = 0; c < columns.length; c++) {
            if (!isKey[c]) {
                row[c] = read(c, levels, exprs, key);
            }
        }
        Instant cursor = cursor(record, key);
        Map<String, List<Object[]>> childRows;
        if (children.length == 0) {
            childRows = Map.of();
        } else {
            Object[] parentKey = new Object[keyIndexes.length];
            for (int k = 0; k < keyIndexes.length; k++) {
                parentKey[k] = row[keyIndexes[k]];
            }
            childRows = new LinkedHashMap<>(children.length * 2);
            for (ChildMapper child : children) {
                childRows.put(child.table(), child.map(levels, parentKey, key, exprs, converter));
            }
        }
        return new MappedRecord(key, cursor, row, childRows, record);
    }

    private Object read(int c, JsonNode[] levels, ColumnReader.ExprInput exprs, String key) throws RecordMappingException {
        ColumnReader column = columns[c];
        try {
            return column.read(levels, 0, exprs, converter);
        } catch (ColumnReader.ColumnFailure e) {
            throw new RecordMappingException(key, e == ColumnReader.ColumnFailure.MISSING
                    ? "required column " + column.name() + " (" + column.source() + ") is missing"
                    : "column " + column.name() + " (" + column.source() + "): " + e.getMessage());
        }
    }

    private String joinKey(Object[] row) {
        if (keyIndexes.length == 1) {
            return keyText(row[keyIndexes[0]]);
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < keyIndexes.length; k++) {
            if (k > 0) {
                sb.append('|');
            }
            sb.append(keyText(row[keyIndexes[k]]));
        }
        return sb.toString();
    }

    private static String keyText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }

    private Instant cursor(JsonNode record, String key) throws RecordMappingException {
        if (cursorPath == null) {
            return null;
        }
        JsonNode n = cursorPath.read(record);
        if (n == null) {
            return null;
        }
        OffsetDateTime t = n.isTextual() ? converter.parseTimestamp(n.textValue(), true) : null;
        if (t == null) {
            throw new RecordMappingException(key, "incremental field " + cursorPath + ": cannot convert "
                    + ValueConverter.shorten(n.toString()) + " to timestamp");
        }
        return t.toInstant();
    }
}
