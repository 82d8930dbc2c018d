package io.centrasync.mapping;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a GraphQL query selects, as a tree of response keys (aliases respected), with fragment spreads and inline
 * fragments merged in (a mapping path does not know the concrete type, so any fragment counts). Used at load to
 * check that every mapped path is actually requested.
 */
final class QuerySelection {
    /** One selected field; children empty for a leaf. */
    static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        boolean leaf = true;
    }

    private final Node root = new Node();
    private final Set<String> variables = new LinkedHashSet<>();
    private final Set<String> requiredVariables = new LinkedHashSet<>();
    private final String operationName;

    private QuerySelection(OperationDefinition op, Map<String, FragmentDefinition> fragments) {
        this.operationName = op.getName();
        for (VariableDefinition v : op.getVariableDefinitions()) {
            variables.add(v.getName());
            if (v.getType() instanceof NonNullType && v.getDefaultValue() == null) {
                requiredVariables.add(v.getName());
            }
        }
        root.leaf = false;
        merge(root, op.getSelectionSet(), fragments, new HashSet<>());
    }

    /**
     * Parses a query document.
     *
     * @throws QueryException with a line number when it does not parse or has not exactly one operation
     */
    static QuerySelection parse(String text) throws QueryException {
        Document doc;
        try {
            doc = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            int line = e.getLocation() != null ? e.getLocation().getLine() : 1;
            String msg = e.getMessage() == null ? "invalid syntax" : e.getMessage().replace('\n', ' ');
            throw new QueryException(line, "GraphQL syntax error: " + msg);
        } catch (RuntimeException e) {
            throw new QueryException(1, "GraphQL syntax error: " + e.getMessage());
        }
        OperationDefinition op = null;
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof OperationDefinition o) {
                if (op != null) {
                    throw new QueryException(line(o), "the query file must hold exactly one operation"
                            + " (it is sent as is, without an operation name)");
                }
                op = o;
            } else if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            }
        }
        if (op == null) {
            throw new QueryException(1, "the query file holds no query operation");
        }
        if (op.getOperation() != OperationDefinition.Operation.QUERY) {
            throw new QueryException(line(op), "the operation must be a query, not a " + op.getOperation().name().toLowerCase());
        }
        return new QuerySelection(op, fragments);
    }

    private static int line(graphql.language.Node<?> n) {
        return n.getSourceLocation() != null ? n.getSourceLocation().getLine() : 1;
    }

    private static void merge(Node into, SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> visiting) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                String key = f.getAlias() != null ? f.getAlias() : f.getName();
                Node child = into.children.computeIfAbsent(key, k -> new Node());
                if (f.getSelectionSet() != null && !f.getSelectionSet().getSelections().isEmpty()) {
                    child.leaf = false;
                    merge(child, f.getSelectionSet(), fragments, visiting);
                }
            } else if (s instanceof InlineFragment inline) {
                merge(into, inline.getSelectionSet(), fragments, visiting);
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null && visiting.add(def.getName())) { // guard against fragment cycles
                    merge(into, def.getSelectionSet(), fragments, visiting);
                    visiting.remove(def.getName());
                }
            }
        }
    }

    Set<String> variables() {
        return variables;
    }

    /** Variables declared non-null without a default: the connector must send them. */
    Set<String> requiredVariables() {
        return requiredVariables;
    }

    String operationName() {
        return operationName;
    }

    /**
     * Checks that a path of response keys is selected. {@code __typename} is always selectable on an object.
     *
     * @return null when selected, else a short reason naming the first missing part
     */
    String missing(List<String> path) {
        Node n = root;
        StringBuilder at = new StringBuilder();
        for (String name : path) {
            if (n.leaf) {
                return "'" + at + "' is a scalar in the query, it has no field '" + name + "'";
            }
            Node child = n.children.get(name);
            if (child == null) {
                if (name.equals("__typename")) {
                    child = new Node();
                } else {
                    return at.length() == 0 ? "no top-level field '" + name + "'"
                            : "no '" + name + "' under '" + at + "'";
                }
            }
            if (at.length() > 0) {
                at.append('.');
            }
            at.append(name);
            n = child;
        }
        return null;
    }

    /** The query file is invalid; {@code line} is 1-based in the .graphql file. */
    static final class QueryException extends Exception {
        final int line;

        QueryException(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
