package io.centrasync.mapping;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading a YAML node tree (snakeyaml-engine compose API, which keeps line marks) with every problem reported as
 * {@code file:line}. Readers return null after reporting, so a caller can go on and find more problems.
 */
final class YamlNodes {
    private final Path file;
    private final Problems problems;

    YamlNodes(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Composes the document; a syntax error is reported and gives empty. */
    Optional<Node> compose(String text) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
            problems.add(file, line, "YAML syntax error: " + oneLine(e.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(file, 1, "YAML syntax error: " + oneLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }

    /** 1-based line of a node. */
    static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(0) + 1;
    }

    void error(Node at, String message) {
        problems.add(file, line(at), message);
    }

    void error(int line, String message) {
        problems.add(file, line, message);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN
                && (Tag.NULL.equals(s.getTag()) || s.getValue().isEmpty() || s.getValue().equals("~")
                || s.getValue().equals("null"));
    }

    /** A scalar's text (any scalar: numbers and booleans as written), or null + problem. */
    String string(Node node, String what) {
        if (node instanceof ScalarNode s && !isNull(node)) {
            return s.getValue();
        }
        error(node, what + " must be a " + (isNull(node) ? "non-empty " : "") + "string, not " + describe(node));
        return null;
    }

    Boolean bool(Node node, String what) {
        if (node instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.valueOf(s.getValue());
        }
        error(node, what + " must be true or false, not " + describe(node));
        return null;
    }

    Integer integer(Node node, String what) {
        if (node instanceof ScalarNode s) {
            try {
                return Integer.valueOf(s.getValue());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        error(node, what + " must be a whole number, not " + describe(node));
        return null;
    }

    /** A list of strings; a single scalar is accepted as a one-element list. */
    List<String> stringList(Node node, String what) {
        if (node instanceof ScalarNode) {
            String s = string(node, what);
            return s == null ? null : List.of(s);
        }
        if (!(node instanceof SequenceNode seq)) {
            error(node, what + " must be a list of names, like [id], not " + describe(node));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String s = string(item, what + " entry");
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            error(node, what + " must not be empty");
            return null;
        }
        return out;
    }

    /** Describes a node's kind for error messages. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "empty";
        }
        String v = ((ScalarNode) node).getValue();
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }

    /**
     * Reads a YAML mapping with a fixed set of keys: reports duplicates and unknown keys (with a "did you mean"),
     * or null + problem when the node is not a mapping.
     */
    Fields fields(Node node, String what, Collection<String> allowed) {
        if (!(node instanceof MappingNode map)) {
            error(node, what + " must be a mapping (key: value lines), not " + describe(node));
            return null;
        }
        Fields fields = new Fields(node);
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                error(t.getKeyNode(), "keys in " + what + " must be plain names");
                continue;
            }
            if (fields.values.containsKey(key)) {
                error(t.getKeyNode(), "duplicate key '" + key + "' in " + what + " (first at line "
                        + line(fields.keys.get(key)) + ")");
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                String hint = Suggest.closest(key, allowed);
                error(t.getKeyNode(), "unknown key '" + key + "' in " + what
                        + (hint != null ? " (did you mean '" + hint + "'?)" : " (allowed: " + String.join(", ", allowed) + ")"));
                continue;
            }
            fields.keys.put(key, t.getKeyNode());
            fields.values.put(key, t.getValueNode());
        }
        return fields;
    }

    /** The entries of one YAML mapping, in file order, with their key nodes for line numbers. */
    final class Fields {
        final Node node;
        final Map<String, Node> keys = new LinkedHashMap<>();
        final Map<String, Node> values = new LinkedHashMap<>();

        private Fields(Node node) {
            this.node = node;
        }

        Node get(String key) {
            return values.get(key);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        /** Line of the key, or of the mapping when absent. */
        int line(String key) {
            Node k = keys.get(key);
            return YamlNodes.line(k != null ? k : node);
        }

        /** The value node, reporting "missing required key" when absent. */
        Node require(String key, String what) {
            Node v = values.get(key);
            if (v == null) {
                error(node, "missing required key '" + key + "' in " + what);
            }
            return v;
        }

        String string(String key, String what) {
            Node v = values.get(key);
            return v == null ? null : YamlNodes.this.string(v, what + "." + key);
        }

        String requireString(String key, String what) {
            Node v = require(key, what);
            return v == null ? null : YamlNodes.this.string(v, what + "." + key);
        }
    }
}
