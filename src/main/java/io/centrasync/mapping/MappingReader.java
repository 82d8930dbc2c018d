package io.centrasync.mapping;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Reads a mapping file's YAML into a {@link MappingModel}: structure only (known keys, value kinds, required keys).
 * Meaning (names, keys, paths, query) is checked by {@link MappingValidator}.
 */
final class MappingReader {
    static final List<String> TOP_KEYS = List.of("entity", "source", "timezone", "table", "key", "columns", "children", "history");
    static final List<String> HISTORY_KEYS = List.of("table", "every", "keep");
    static final List<String> SOURCE_KEYS = List.of("query", "records", "paging", "incremental", "recheck");
    static final List<String> PAGING_KEYS = List.of("style", "pageInfo", "sizeVariable", "cursorVariable", "pageVariable", "size",
            "totalCount");
    static final List<String> INCREMENTAL_KEYS = List.of("field", "variable", "lookback");
    static final List<String> RECHECK_KEYS = List.of("query", "records", "variable", "column", "final", "batch");
    static final List<String> CHILD_KEYS = List.of("table", "path", "parentKey", "position", "key", "columns");
    static final List<String> COLUMN_KEYS = List.of("path", "attribute", "expr", "type", "required", "default", "map", "mapStrict");

    private final YamlNodes yaml;
    private final MappingModel model = new MappingModel();

    private MappingReader(Path file, Problems problems) {
        this.yaml = new YamlNodes(file, problems);
    }

    /** Reads {@code text}; returns null when the YAML itself is unreadable (problem reported). */
    static MappingModel read(Path file, String text, Problems problems) {
        MappingReader reader = new MappingReader(file, problems);
        Optional<Node> doc = reader.yaml.compose(text);
        if (doc.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(file, 1, "the mapping file is empty");
            }
            return null;
        }
        reader.readTop(doc.get());
        return reader.model;
    }

    private void readTop(Node node) {
        YamlNodes.Fields top = yaml.fields(node, "the mapping", TOP_KEYS);
        if (top == null) {
            return;
        }
        model.entity = top.requireString("entity", "the mapping");
        putLines(top, "", TOP_KEYS);
        Node source = top.require("source", "the mapping");
        if (source != null) {
            readSource(source);
        }
        if (top.has("timezone")) {
            String tz = top.string("timezone", "");
            if (tz != null) {
                try {
                    model.timezone = ZoneId.of(tz);
                } catch (RuntimeException e) {
                    yaml.error(top.get("timezone"), "timezone '" + tz + "' is not a time zone (use e.g. Europe/Stockholm or UTC)");
                }
            }
        }
        model.root = readTable(top, "the mapping", false);
        Node history = top.get("history");
        if (history != null) {
            readHistory(history);
        }
        Node children = top.get("children");
        if (children != null) {
            if (children instanceof SequenceNode seq) {
                for (Node child : seq.getValue()) {
                    YamlNodes.Fields f = yaml.fields(child, "a child table", CHILD_KEYS);
                    if (f != null) {
                        model.children.add(readTable(f, "a child table", true));
                    }
                }
            } else if (!YamlNodes.isNull(children)) {
                yaml.error(children, "children must be a list of tables (lines starting with '- table:'), not "
                        + YamlNodes.describe(children));
            }
        }
    }

    /** {@code history}: copies of a snapshot entity's root table over time. */
    private void readHistory(Node node) {
        YamlNodes.Fields h = yaml.fields(node, "history", HISTORY_KEYS);
        if (h == null) {
            return;
        }
        model.hasHistory = true;
        model.historyTable = h.string("table", "history");
        model.historyEvery = duration(h, "every", Duration.ofDays(1));
        model.historyKeep = duration(h, "keep", Duration.ofDays(400));
        putLines(h, "history.", HISTORY_KEYS);
    }

    private Duration duration(YamlNodes.Fields fields, String key, Duration fallback) {
        String text = fields.string(key, "history");
        if (text == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || (key.equals("keep") && d.isZero())) {
                yaml.error(fields.get(key), "history." + key + " must be " + (key.equals("keep") ? "above zero" : "zero or more"));
            }
            return d;
        } catch (DateTimeParseException e) {
            yaml.error(fields.get(key), "history." + key + " '" + text + "' is not an ISO-8601 duration (e.g. P1D, PT12H, P400D)");
            return fallback;
        }
    }

    private void readSource(Node node) {
        YamlNodes.Fields src = yaml.fields(node, "source", SOURCE_KEYS);
        if (src == null) {
            return;
        }
        model.query = src.requireString("query", "source");
        model.records = src.requireString("records", "source");
        putLines(src, "source.", SOURCE_KEYS);
        Node paging = src.get("paging");
        if (paging != null) {
            YamlNodes.Fields p = yaml.fields(paging, "source.paging", PAGING_KEYS);
            if (p != null) {
                model.hasPaging = true;
                model.pagingStyle = p.requireString("style", "source.paging");
                model.pageInfo = p.string("pageInfo", "source.paging");
                model.totalCount = p.string("totalCount", "source.paging");
                model.sizeVariable = p.string("sizeVariable", "source.paging");
                model.cursorVariable = p.string("cursorVariable", "source.paging");
                model.pageVariable = p.string("pageVariable", "source.paging");
                if (p.has("size")) {
                    model.size = yaml.integer(p.get("size"), "source.paging.size");
                }
                putLines(p, "source.paging.", PAGING_KEYS);
            }
        }
        Node inc = src.get("incremental");
        if (inc != null) {
            YamlNodes.Fields i = yaml.fields(inc, "source.incremental", INCREMENTAL_KEYS);
            if (i != null) {
                model.hasIncremental = true;
                model.incrementalField = i.requireString("field", "source.incremental");
                model.incrementalVariable = i.requireString("variable", "source.incremental");
                String lookback = i.string("lookback", "source.incremental");
                if (lookback != null) {
                    try {
                        model.lookback = Duration.parse(lookback);
                        if (model.lookback.isNegative()) {
                            yaml.error(i.get("lookback"), "source.incremental.lookback must not be negative");
                        }
                    } catch (DateTimeParseException e) {
                        yaml.error(i.get("lookback"), "source.incremental.lookback '" + lookback
                                + "' is not an ISO-8601 duration (e.g. PT10M, PT1H, P1D)");
                    }
                }
                putLines(i, "source.incremental.", INCREMENTAL_KEYS);
            }
        }
        Node recheck = src.get("recheck");
        if (recheck != null) {
            readRecheck(recheck);
        }
    }

    /** {@code source.recheck}: re-read by key the rows whose column is not yet in a final state. */
    private void readRecheck(Node node) {
        YamlNodes.Fields r = yaml.fields(node, "source.recheck", RECHECK_KEYS);
        if (r == null) {
            return;
        }
        model.hasRecheck = true;
        model.recheckQuery = r.requireString("query", "source.recheck");
        model.recheckRecords = r.requireString("records", "source.recheck");
        model.recheckVariable = r.requireString("variable", "source.recheck");
        model.recheckColumn = r.requireString("column", "source.recheck");
        Node fin = r.require("final", "source.recheck");
        if (fin != null) {
            model.recheckFinal = yaml.stringList(fin, "source.recheck.final");
        }
        if (r.has("batch")) {
            model.recheckBatch = yaml.integer(r.get("batch"), "source.recheck.batch");
        }
        putLines(r, "source.recheck.", RECHECK_KEYS);
    }

    /** Records the line of each present key (absent keys fall back to their parent's line). */
    private void putLines(YamlNodes.Fields f, String prefix, List<String> keys) {
        for (String k : keys) {
            if (f.has(k)) {
                model.lines.put(prefix + k, f.line(k));
            }
        }
    }

    private MappingModel.TableDef readTable(YamlNodes.Fields f, String what, boolean child) {
        MappingModel.TableDef t = new MappingModel.TableDef();
        t.line = YamlNodes.line(f.node);
        t.name = f.requireString("table", what);
        t.nameLine = f.line("table");
        String where = t.name != null ? "table " + t.name : what;
        if (child) {
            t.path = f.requireString("path", where);
            t.pathLine = f.line("path");
            if (f.has("parentKey")) {
                t.parentKey = yaml.stringList(f.get("parentKey"), where + " parentKey");
                t.parentKeyLine = f.line("parentKey");
            }
            t.position = f.string("position", where);
            t.positionLine = f.line("position");
        }
        // a child table with a position column may omit key: it defaults to [parentKey..., position]
        Node key = child && t.position != null ? f.get("key") : f.require("key", where);
        if (key != null) {
            t.key = yaml.stringList(key, where + " key");
        }
        t.keyLine = f.line("key");
        Node columns = child ? f.get("columns") : f.require("columns", where);
        t.columnsBroken = columns == null ? !child : !(columns instanceof MappingNode);
        if (columns != null) {
            readColumns(columns, t, where);
        }
        return t;
    }

    private void readColumns(Node node, MappingModel.TableDef table, String where) {
        if (!(node instanceof MappingNode map)) {
            yaml.error(node, "columns of " + where + " must be a mapping of column: path or column: {path: ...}, not "
                    + YamlNodes.describe(node));
            return;
        }
        LinkedHashMap<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (name == null) {
                yaml.error(t.getKeyNode(), "column names must be plain names");
                continue;
            }
            if (seen.containsKey(name)) {
                yaml.error(t.getKeyNode(), "duplicate column '" + name + "' in " + where + " (first at line "
                        + YamlNodes.line(seen.get(name)) + ")");
                continue;
            }
            seen.put(name, t.getKeyNode());
            MappingModel.ColumnDef c = readColumn(name, t.getKeyNode(), t.getValueNode(), where);
            if (c != null) {
                table.columns.add(c);
            }
        }
        if (map.getValue().isEmpty()) {
            yaml.error(node, "columns of " + where + " must not be empty");
        }
    }

    private MappingModel.ColumnDef readColumn(String name, Node keyNode, Node value, String where) {
        MappingModel.ColumnDef c = new MappingModel.ColumnDef();
        c.name = name;
        c.line = YamlNodes.line(keyNode);
        c.sourceLine = YamlNodes.line(value);
        String what = "column " + name;
        if (value instanceof ScalarNode) {
            c.path = yaml.string(value, what);   // shorthand: a bare string is a path of type string
            return c.path == null ? null : c;
        }
        if (!(value instanceof MappingNode)) {
            yaml.error(value, what + " must be a path (like grandTotal.value) or {path: ..., type: ...}, not "
                    + YamlNodes.describe(value));
            return null;
        }
        YamlNodes.Fields f = yaml.fields(value, what, COLUMN_KEYS);
        if (f.get("path") instanceof SequenceNode) {
            // path: [a, b] = the first of these that is not null
            List<String> paths = yaml.stringList(f.get("path"), what + " path");
            if (paths != null) {
                c.path = paths.get(0);
                c.fallbackPaths = paths.subList(1, paths.size());
            }
        } else {
            c.path = f.string("path", what);
        }
        c.attribute = f.string("attribute", what);
        c.expr = f.string("expr", what);
        int sources = (f.has("path") ? 1 : 0) + (f.has("attribute") ? 1 : 0) + (f.has("expr") ? 1 : 0);
        if (sources != 1) {
            yaml.error(value, what + " needs exactly one of path, attribute or expr"
                    + (sources == 0 ? "" : " (it has " + sources + ")"));
            return null;
        }
        for (String k : List.of("path", "attribute", "expr")) {
            if (f.has(k)) {
                c.sourceLine = YamlNodes.line(f.get(k));
            }
        }
        if (f.has("type")) {
            String type = f.string("type", what);
            if (type != null) {
                c.type = ColumnType.fromYaml(type);
                if (c.type == null) {
                    List<String> names = java.util.Arrays.stream(ColumnType.values()).map(ColumnType::yamlName).toList();
                    String hint = Suggest.closest(type, names);
                    yaml.error(f.get("type"), "unknown type '" + type + "' of " + what
                            + (hint != null ? " (did you mean '" + hint + "'?)" : " (types: " + String.join(", ", names) + ")"));
                    return null;
                }
            }
        }
        if (f.has("required")) {
            Boolean b = yaml.bool(f.get("required"), what + ": required");
            c.required = Boolean.TRUE.equals(b);
        }
        if (f.has("mapStrict")) {
            Boolean b = yaml.bool(f.get("mapStrict"), what + ": mapStrict");
            c.mapStrict = Boolean.TRUE.equals(b);
        }
        if (f.has("default")) {
            Node d = f.get("default");
            c.defaultLine = YamlNodes.line(d);
            if (d instanceof ScalarNode s && !YamlNodes.isNull(d)) {
                c.hasDefault = true;
                c.defaultText = s.getValue();
            } else if (!YamlNodes.isNull(d)) {
                yaml.error(d, "default of " + what + " must be a single value, not " + YamlNodes.describe(d));
            }
        }
        if (f.has("map")) {
            readValueMap(f.get("map"), c, what);
        }
        if (c.mapStrict && c.map == null) {
            yaml.error(f.line("mapStrict"), "mapStrict of " + what + " needs a map:");
        }
        return c;
    }

    private void readValueMap(Node node, MappingModel.ColumnDef c, String what) {
        if (!(node instanceof MappingNode map)) {
            yaml.error(node, "map of " + what + " must be a mapping of source value: column value, not " + YamlNodes.describe(node));
            return;
        }
        c.map = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode v)) {
                yaml.error(t.getKeyNode(), "map of " + what + " must map single values to single values");
                continue;
            }
            if (c.map.containsKey(k.getValue())) {
                yaml.error(k, "duplicate value '" + k.getValue() + "' in map of " + what);
                continue;
            }
            c.map.put(k.getValue(), YamlNodes.isNull(v) ? null : v.getValue());
            c.mapLines.put(k.getValue(), YamlNodes.line(v));
        }
    }
}
