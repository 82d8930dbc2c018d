package io.centrasync.mapping;

import com.dashjoin.jsonata.Jsonata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a column definition into a {@link ColumnReader}, reporting every problem with its line: bad path
 * syntax, {@code ^} beyond the enclosing lists, paths the query does not select, bad JSONata, defaults and map
 * values that do not convert to the column type.
 */
final class ColumnCompiler {
    private final Path file;
    private final Problems problems;
    private final QuerySelection query;
    private final String queryName;
    private final ValueConverter converter;
    private final List<String> recordNames;

    /**
     * @param query       the parsed query, or null when it could not be read (selection checks are then skipped)
     * @param recordNames response keys from the operation root down to one record, e.g. orderConnection, edges, node
     */
    ColumnCompiler(Path file, Problems problems, QuerySelection query, String queryName, ValueConverter converter,
                   List<String> recordNames) {
        this.file = file;
        this.problems = problems;
        this.query = query;
        this.queryName = queryName;
        this.converter = converter;
        this.recordNames = recordNames;
    }

    /**
     * @param childPath the child table's list path, or null for the root table
     * @param key       true for a key column (implicitly required)
     * @return the reader, or null after reporting problems
     */
    ColumnReader compile(MappingModel.ColumnDef c, ListPath childPath, boolean key) {
        int before = problems.size();
        int depth = childPath == null ? 0 : childPath.depth();
        ColumnReader.Builder b = new ColumnReader.Builder();
        b.name = c.name;
        b.source = c.source();
        b.type = c.type;
        b.required = c.required || key;
        b.mapStrict = c.mapStrict;
        if (c.path != null) {
            compilePath(c, childPath, depth, b);
        } else if (c.attribute != null) {
            compileAttribute(c, childPath, depth, b);
        } else if (c.expr != null) {
            try {
                b.expr = Jsonata.jsonata(c.expr);
            } catch (RuntimeException e) {
                problems.add(file, c.sourceLine, "column " + c.name + ": invalid JSONata expression: " + e.getMessage());
            }
        }
        if (c.hasDefault) {
            try {
                b.defaultValue = converter.convertText(c.defaultText, c.type);
            } catch (ValueConverter.ConversionException e) {
                problems.add(file, c.defaultLine, "default of column " + c.name + ": " + e.getMessage());
            }
        }
        if (c.map != null) {
            b.map = new HashMap<>();
            for (Map.Entry<String, String> e : c.map.entrySet()) {
                try {
                    b.mapValue(e.getKey(), e.getValue() == null ? null : converter.convertText(e.getValue(), c.type));
                } catch (ValueConverter.ConversionException x) {
                    problems.add(file, c.mapLines.get(e.getKey()), "map of column " + c.name + ": " + x.getMessage());
                }
            }
        }
        return problems.size() == before ? b.build() : null;
    }

    private void compilePath(MappingModel.ColumnDef c, ListPath childPath, int depth, ColumnReader.Builder b) {
        List<PathExpression> compiled = new ArrayList<>();
        List<String> all = new ArrayList<>();
        all.add(c.path);
        all.addAll(c.fallbackPaths);
        for (String text : all) {
            PathExpression p = compileOnePath(c, text, childPath, depth);
            if (p == null) {
                return;
            }
            compiled.add(p);
        }
        b.path = compiled.get(0);
        b.fallbackPaths = compiled.subList(1, compiled.size()).toArray(PathExpression[]::new);
    }

    private PathExpression compileOnePath(MappingModel.ColumnDef c, String text, ListPath childPath, int depth) {
        PathExpression p;
        try {
            p = PathExpression.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(file, c.sourceLine, "column " + c.name + ": " + e.getMessage());
            return null;
        }
        if (p.up() > 0 && childPath == null) {
            problems.add(file, c.sourceLine, "column " + c.name + ": '^' (enclosing element) only works in a child"
                    + " table's columns; here the record is the top");
            return null;
        }
        if (p.up() > depth) {
            problems.add(file, c.sourceLine, "column " + c.name + ": path '" + text + "' goes up " + p.up()
                    + " level(s) but '" + childPath + "' has only " + depth + " (use $. to read from the record)");
            return null;
        }
        List<String> names = levelNames(childPath, p.fromRoot() ? 0 : depth - p.up());
        names.addAll(p.segments());
        return checkSelected(c, names, "path '" + text + "'") ? p : null;
    }

    private void compileAttribute(MappingModel.ColumnDef c, ListPath childPath, int depth, ColumnReader.Builder b) {
        int dot = c.attribute.indexOf('.');
        if (dot <= 0 || dot == c.attribute.length() - 1) {
            problems.add(file, c.sourceLine, "column " + c.name + ": attribute '" + c.attribute
                    + "' must be attributeTypeName.elementKey, e.g. gift_wrap.message");
            return;
        }
        b.attributeType = c.attribute.substring(0, dot);
        b.attributeKey = c.attribute.substring(dot + 1);
        if (query == null) {
            return;
        }
        List<String> base = levelNames(childPath, depth);
        String what = "attribute '" + c.attribute + "' (needs attributes { type { name } elements { key value"
                + " | selectedValue } })";
        if (checkSelected(c, concat(base, "attributes", "type", "name"), what)
                && checkSelected(c, concat(base, "attributes", "elements", "key"), what)
                && query.missing(concat(base, "attributes", "elements", "value")) != null) {
            checkSelected(c, concat(base, "attributes", "elements", "selectedValue"), what);
        }
    }

    private boolean checkSelected(MappingModel.ColumnDef c, List<String> names, String what) {
        if (query == null) {
            return true;
        }
        String missing = query.missing(names);
        if (missing != null) {
            problems.add(file, c.sourceLine, "column " + c.name + ": " + what + " is not selected by " + queryName
                    + " (" + missing + ")");
            return false;
        }
        return true;
    }

    /** Response keys from the operation root to the element at {@code level} (0 = the record). */
    private List<String> levelNames(ListPath childPath, int level) {
        List<String> names = new ArrayList<>(recordNames);
        if (childPath != null) {
            names.addAll(childPath.namesToLevel(level));
        }
        return names;
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }
}
