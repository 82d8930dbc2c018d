package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path with {@code []} list markers, used for {@code source.records} ({@code data.orderConnection.edges[].node})
 * and child table paths ({@code attributes[].elements[]}). Split at load time into groups: each group is the
 * field names up to and including one list; {@code tail} is what follows the last list.
 */
final class ListPath {
    private final String text;
    private final String[][] groups;
    private final String[] tail;

    private ListPath(String text, String[][] groups, String[] tail) {
        this.text = text;
        this.groups = groups;
        this.tail = tail;
    }

    /** @throws IllegalArgumentException with a user-facing reason when malformed */
    static ListPath parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        List<String[]> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String part : text.trim().split("\\.", -1)) {
            boolean list = part.endsWith("[]");
            String name = list ? part.substring(0, part.length() - 2) : part;
            if (!PathExpression.isName(name)) {
                throw new IllegalArgumentException(name.isEmpty()
                        ? "path '" + text + "' has an empty segment"
                        : "path '" + text + "': '" + part + "' is not a field name (optionally followed by [])");
            }
            current.add(name);
            if (list) {
                groups.add(current.toArray(String[]::new));
                current.clear();
            }
        }
        return new ListPath(text, groups.toArray(String[][]::new), current.toArray(String[]::new));
    }

    /** Number of {@code []} lists crossed. */
    int depth() {
        return groups.length;
    }

    boolean endsWithList() {
        return tail.length == 0;
    }

    /** Field names without list markers (what a GraphQL query must select). */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (String[] g : groups) {
            out.addAll(Arrays.asList(g));
        }
        out.addAll(Arrays.asList(tail));
        return out;
    }

    /** Field names up to and including the {@code level}-th list (1-based); 0 gives an empty list. */
    List<String> namesToLevel(int level) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < level; i++) {
            out.addAll(Arrays.asList(groups[i]));
        }
        return out;
    }

    /** Every node at this path below {@code root}, lists flattened in order. */
    List<JsonNode> selectAll(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        collect(root, 0, out);
        return out;
    }

    private void collect(JsonNode node, int group, List<JsonNode> out) {
        if (group == groups.length) {
            JsonNode n = walk(node, tail);
            if (n != null) {
                out.add(n);
            }
            return;
        }
        JsonNode list = walk(node, groups[group]);
        if (list == null) {
            return;
        }
        if (!list.isArray()) {
            collect(list, group + 1, out); // lenient: a single object where a list was expected is one element
            return;
        }
        for (JsonNode element : list) {
            if (element != null && !element.isNull()) {
                collect(element, group + 1, out);
            }
        }
    }

    /**
     * The size of every innermost list below {@code root}, in answer order, named by where it is ({@code warehouses[2].stock};
     * the leading {@code data} left out); null for a path without a list. A missing or null innermost list counts as
     * empty, a missing outer list has no inner ones.
     */
    ListSizes sizes(JsonNode root) {
        if (groups.length == 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        sizes(root, 0, "", names, sizes);
        return ListSizes.of(names, sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    private void sizes(JsonNode node, int group, String prefix, List<String> names, List<Integer> sizes) {
        String[] fields = groups[group];
        boolean data = group == 0 && fields.length > 1 && fields[0].equals("data");
        String name = prefix + String.join(".", data ? Arrays.copyOfRange(fields, 1, fields.length) : fields);
        JsonNode list = walk(node, fields);
        if (group == groups.length - 1) {
            names.add(name);
            sizes.add(list == null ? 0 : list.isArray() ? list.size() : 1);
            return;
        }
        if (list == null) {
            return;
        }
        if (!list.isArray()) {
            sizes(list, group + 1, name + ".", names, sizes); // lenient, as in collect
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            if (element != null && !element.isNull()) {
                sizes(element, group + 1, name + "[" + i + "].", names, sizes);
            }
        }
    }

    /**
     * Visits every element of a child path (which ends with a list), filling {@code levels[1..depth]} with the
     * enclosing elements; {@code levels[0]} must hold the record.
     */
    void forEachElement(JsonNode[] levels, ElementVisitor visitor) throws RecordMappingException {
        visit(levels, 0, visitor);
    }

    private void visit(JsonNode[] levels, int group, ElementVisitor visitor) throws RecordMappingException {
        JsonNode list = walk(levels[group], groups[group]);
        if (list == null) {
            return;
        }
        if (!list.isArray()) {
            levels[group + 1] = list;
            step(levels, group, visitor);
            return;
        }
        for (JsonNode element : list) {
            if (element != null && !element.isNull()) {
                levels[group + 1] = element;
                step(levels, group, visitor);
            }
        }
    }

    private void step(JsonNode[] levels, int group, ElementVisitor visitor) throws RecordMappingException {
        if (group + 1 == groups.length) {
            visitor.element(levels);
        } else {
            visit(levels, group + 1, visitor);
        }
    }

    private static JsonNode walk(JsonNode node, String[] names) {
        JsonNode n = node;
        for (String s : names) {
            if (n == null) {
                return null;
            }
            n = n.get(s);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** Called once per element of a child path. */
    interface ElementVisitor {
        void element(JsonNode[] levels) throws RecordMappingException;
    }

    @Override
    public String toString() {
        return text;
    }
}
