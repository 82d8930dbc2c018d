package io.centrasync.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks and compiles the tables of a mapping: SQL names, keys, parent keys, positions, child paths (and that the
 * query selects them); columns go through the {@link ColumnCompiler}.
 */
final class TableValidator {
    private final Path file;
    private final Problems problems;
    private final MappingModel m;
    private final ColumnCompiler compiler;
    private final QuerySelection query;
    private final String queryName;
    private final List<String> recordNames;
    private final boolean recordsOk;

    /**
     * @param recordNames response keys down to one record; only meaningful when {@code recordsOk}
     * @param recordsOk   false when source.records is invalid (reported): selection checks are skipped
     */
    TableValidator(Path file, Problems problems, MappingModel m, ColumnCompiler compiler, QuerySelection query,
                   String queryName, List<String> recordNames, boolean recordsOk) {
        this.file = file;
        this.problems = problems;
        this.m = m;
        this.compiler = compiler;
        this.query = query;
        this.queryName = queryName;
        this.recordNames = recordNames;
        this.recordsOk = recordsOk;
    }

    private void error(int line, String message) {
        problems.add(file, line, message);
    }

    private boolean checkSelected(int line, List<String> names, String what) {
        if (query == null) {
            return true;
        }
        String missing = query.missing(names);
        if (missing != null) {
            error(line, what + " is not selected by " + queryName + " (" + missing + ")");
            return false;
        }
        return true;
    }

    /** A table being compiled: its spec and the readers of its declared columns. */
    static final class TableBuilder {
        TableSpec spec;
        boolean valid = true;
        ListPath path;
        String positionColumn;
        final List<ColumnReader> readers = new ArrayList<>();
        final Map<String, ColumnType> types = new HashMap<>();

        boolean usesExpr() {
            return readers.stream().anyMatch(ColumnReader::usesExpr);
        }

        int[] keyIndexes() {
            return spec.key().stream().mapToInt(spec::indexOf).toArray();
        }
    }

    private void checkName(String name, int line, String what) {
        String problem = SqlIdentifiers.problem(name);
        if (problem != null) {
            error(line, what + " " + problem);
        }
    }

    /** Always returns a builder (children are checked against it); {@code valid} tells whether it compiled. */
    TableBuilder rootTable() {
        MappingModel.TableDef t = m.root;
        if (t.name != null) {
            checkName(t.name, t.nameLine, "table name");
        }
        Set<String> declared = new HashSet<>();
        t.columns.forEach(c -> declared.add(c.name));
        boolean keyOk = checkKey(t, declared);
        TableBuilder b = new TableBuilder();
        List<ColumnSpec> specs = new ArrayList<>();
        for (MappingModel.ColumnDef c : t.columns) {
            checkName(c.name, c.line, "column name");
            ColumnReader r = compiler.compile(c, null, t.key != null && t.key.contains(c.name));
            b.readers.add(r);
            b.types.put(c.name, c.type);
            specs.add(new ColumnSpec(c.name, c.type));
        }
        b.valid = t.name != null && keyOk && !t.columns.isEmpty() && !b.readers.contains(null);
        b.spec = new TableSpec(t.name == null ? "" : t.name, t.key == null ? List.of() : t.key, specs, false, List.of());
        return b;
    }

    /** Key: present, no duplicates, every column declared (or supplied as parent key / position). */
    private boolean checkKey(MappingModel.TableDef t, Set<String> available) {
        if (t.key == null) {
            return false;
        }
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (String k : t.key) {
            if (!seen.add(k)) {
                error(t.keyLine, "key column '" + k + "' is listed twice");
                ok = false;
            } else if (!available.contains(k) && !t.columnsBroken) {
                String hint = Suggest.closest(k, available);
                error(t.keyLine, "key column '" + k + "' is not a column of table " + t.name
                        + (hint != null ? " (did you mean '" + hint + "'?)" : ""));
                ok = false;
            }
        }
        return ok;
    }

    TableBuilder childTable(MappingModel.TableDef t, TableBuilder parent) {
        int before = problems.size();
        String where = "table " + t.name;
        if (t.name != null) {
            checkName(t.name, t.nameLine, "table name");
        }
        ListPath path = null;
        if (t.path != null) {
            try {
                path = ListPath.parse(t.path);
                if (!path.endsWithList()) {
                    error(t.pathLine, where + ": path '" + t.path + "' must end with [] (one row per list element),"
                            + " e.g. lines[]");
                    path = null;
                } else if (recordsOk) {
                    List<String> names = new ArrayList<>(recordNames);
                    names.addAll(path.names());
                    if (!checkSelected(t.pathLine, names, where + ": path '" + t.path + "'")) {
                        path = null;
                    }
                }
            } catch (IllegalArgumentException e) {
                error(t.pathLine, where + ": " + e.getMessage());
            }
        }
        List<String> parentKey = parentKeyColumns(t, parent.spec);
        Set<String> generated = new LinkedHashSet<>(parentKey);
        if (t.position != null) {
            checkName(t.position, t.positionLine, "position column");
            if (!generated.add(t.position)) {
                error(t.positionLine, "position column '" + t.position + "' is also a parent key column");
            }
        }
        Set<String> available = new HashSet<>(generated);
        if (m.root.key == null && t.key != null) {
            available.addAll(t.key); // the parent key is unknown (reported): do not guess at parent key columns
        }
        for (MappingModel.ColumnDef c : t.columns) {
            checkName(c.name, c.line, "column name");
            if (generated.contains(c.name)) {
                error(c.line, "column '" + c.name + "' is filled automatically (" + (c.name.equals(t.position)
                        ? "position" : "parent key") + "); remove it from columns");
            }
            available.add(c.name);
        }
        if (t.key == null && t.position != null) {
            t.key = new ArrayList<>(generated);
        }
        checkKey(t, available);
        TableBuilder b = new TableBuilder();
        List<ColumnSpec> specs = new ArrayList<>();
        for (int i = 0; i < parentKey.size(); i++) {
            ColumnType type = i < parent.spec.key().size() ? parent.types.get(parent.spec.key().get(i)) : null;
            specs.add(new ColumnSpec(parentKey.get(i), type == null ? ColumnType.STRING : type));
        }
        if (t.position != null) {
            specs.add(new ColumnSpec(t.position, ColumnType.INT));
        }
        if (path != null) {
            for (MappingModel.ColumnDef c : t.columns) {
                b.readers.add(compiler.compile(c, path, t.key != null && t.key.contains(c.name)));
                specs.add(new ColumnSpec(c.name, c.type));
            }
        }
        if (problems.size() > before || t.name == null || path == null || t.key == null) {
            return null;
        }
        b.path = path;
        b.positionColumn = t.position;
        b.spec = new TableSpec(t.name, t.key, specs, true, parentKey);
        return b;
    }

    /** parentKey as given, or singular(parent table)_key for each parent key column (orders + id → order_id). */
    private List<String> parentKeyColumns(MappingModel.TableDef t, TableSpec parent) {
        List<String> parentKey;
        if (t.parentKey != null) {
            parentKey = t.parentKey;
            if (parentKey.size() != parent.key().size()) {
                error(t.parentKeyLine, "parentKey of table " + t.name + " names " + parentKey.size()
                        + " column(s) but table " + parent.name() + " has a key of " + parent.key().size()
                        + " " + parent.key());
            }
            for (String p : parentKey) {
                checkName(p, t.parentKeyLine, "parentKey column");
            }
        } else {
            String prefix = singular(parent.name()) + "_";
            parentKey = parent.key().stream().map(k -> k.startsWith(prefix) ? k : prefix + k).toList();
        }
        if (t.parentKey != null && new HashSet<>(parentKey).size() != parentKey.size()) {
            error(t.parentKeyLine, "parentKey of table " + t.name + " repeats a column");
        }
        return parentKey;
    }

    /** orders → order, categories → category, addresses → address; otherwise unchanged. */
    static String singular(String table) {
        if (table.endsWith("ies") && table.length() > 3) {
            return table.substring(0, table.length() - 3) + "y";
        }
        if (table.endsWith("sses") || table.endsWith("shes") || table.endsWith("ches") || table.endsWith("xes")) {
            return table.substring(0, table.length() - 2);
        }
        if (table.endsWith("s") && !table.endsWith("ss")) {
            return table.substring(0, table.length() - 1);
        }
        return table;
    }
}
