package io.centrasync.mapping;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping file as read, before semantic checks: plain values plus the line each came from. Fields are null when
 * absent or unreadable (the reader has then reported it).
 */
final class MappingModel {
    /** Lines by dotted key, e.g. {@code source.paging.size}; see {@link #line(String)}. */
    final Map<String, Integer> lines = new HashMap<>();

    String entity;
    String query;
    String records;
    String pagingStyle;
    String pageInfo;
    String totalCount;
    String sizeVariable;
    String cursorVariable;
    String pageVariable;
    Integer size;
    boolean hasPaging;
    boolean hasIncremental;
    String incrementalField;
    String incrementalVariable;
    Duration lookback = Duration.ZERO;
    ZoneId timezone = ZoneOffset.UTC;
    boolean hasRecheck;
    boolean hasHistory;
    /** null: the root table's name with {@code _history} */
    String historyTable;
    Duration historyEvery;
    Duration historyKeep;
    String recheckQuery;
    String recheckRecords;
    String recheckVariable;
    String recheckColumn;
    List<String> recheckFinal;
    Integer recheckBatch;
    /** Query variables filled by something other than paging/incremental (the recheck's id list). */
    List<String> extraVariables = List.of();
    TableDef root;
    final List<TableDef> children = new ArrayList<>();

    /**
     * The same mapping as seen by its recheck query: records from {@code source.recheck.records}, one request per
     * batch of keys (no paging, no incremental filter), the key list filling the recheck variable.
     */
    MappingModel forRecheck() {
        MappingModel r = new MappingModel();
        r.lines.putAll(lines);
        r.entity = entity;
        r.query = recheckQuery;
        r.records = recheckRecords;
        r.timezone = timezone;
        r.root = root;
        r.children.addAll(children);
        r.extraVariables = recheckVariable == null ? List.of() : List.of(recheckVariable);
        return r;
    }

    /** Line of a dotted key; an absent key gives its nearest present parent's line. */
    int line(String key) {
        for (String k = key; ; k = k.substring(0, k.lastIndexOf('.'))) {
            Integer line = lines.get(k);
            if (line != null) {
                return line;
            }
            if (k.indexOf('.') < 0) {
                return 1;
            }
        }
    }

    /** A table block: the root (top level) or one entry of {@code children:}. */
    static final class TableDef {
        int line;
        String name;
        int nameLine;
        /** Child only: the list path, e.g. {@code lines[]}. */
        String path;
        int pathLine;
        List<String> parentKey;
        int parentKeyLine;
        String position;
        int positionLine;
        List<String> key;
        int keyLine;
        final List<ColumnDef> columns = new ArrayList<>();
        /** True when a needed columns: is absent or unreadable (reported): key columns cannot be checked then. */
        boolean columnsBroken;
    }

    /** One entry of {@code columns:}. */
    static final class ColumnDef {
        String name;
        int line;
        /** The path, or the first of several alternatives ({@code path: [value, selectedValue]}). */
        String path;
        /** Further alternative paths, tried in order while the value is null; usually empty. */
        List<String> fallbackPaths = List.of();
        String attribute;
        String expr;
        /** Line of the path/attribute/expr value. */
        int sourceLine;
        ColumnType type = ColumnType.STRING;
        boolean required;
        boolean hasDefault;
        String defaultText;
        int defaultLine;
        /** Raw value → target text (null target = map to null), in file order. */
        Map<String, String> map;
        final Map<String, Integer> mapLines = new LinkedHashMap<>();
        boolean mapStrict;

        /** How the value is found, for messages: {@code path id}, {@code attribute a.b}, {@code expr ...}. */
        String source() {
            if (path != null) {
                return "path " + (fallbackPaths.isEmpty() ? path : path + " | " + String.join(" | ", fallbackPaths));
            }
            if (attribute != null) {
                return "attribute " + attribute;
            }
            return "expr " + ValueConverter.shorten(expr == null ? "" : expr);
        }
    }
}
