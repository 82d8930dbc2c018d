package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

/**
 * A column's path into a record, split at load time: {@code grandTotal.currency.code}, {@code ^type.name} (one
 * enclosing list element up), {@code ^^id} (two up), {@code $.number} (from the root record).
 * {@link #read(JsonNode)} walks the pre-split segments: no parsing or allocation per record.
 */
final class PathExpression {
    private final String text;
    private final int up;
    private final boolean fromRoot;
    private final String[] segments;

    private PathExpression(String text, int up, boolean fromRoot, String[] segments) {
        this.text = text;
        this.up = up;
        this.fromRoot = fromRoot;
        this.segments = segments;
    }

    /**
     * Parses a column path.
     *
     * @throws IllegalArgumentException with a user-facing reason when the path is malformed
     */
    static PathExpression parse(String text) {
        String rest = text.trim();
        boolean fromRoot = false;
        int up = 0;
        if (rest.startsWith("$.")) {
            fromRoot = true;
            rest = rest.substring(2);
        } else {
            while (up < rest.length() && rest.charAt(up) == '^') {
                up++;
            }
            rest = rest.substring(up);
        }
        if (rest.contains("[]")) {
            throw new IllegalArgumentException("'[]' is only allowed in source.records and a child table's path;"
                    + " a column reads one value");
        }
        return new PathExpression(text, up, fromRoot, splitNames(rest, text));
    }

    /** Splits {@code a.b.c} into names, checking each is a GraphQL name. */
    static String[] splitNames(String dotted, String whole) {
        if (dotted.isEmpty()) {
            throw new IllegalArgumentException("path '" + whole + "' names no field");
        }
        String[] parts = dotted.split("\\.", -1);
        for (String p : parts) {
            if (!isName(p)) {
                throw new IllegalArgumentException(p.isEmpty()
                        ? "path '" + whole + "' has an empty segment (two dots, or a dot at an end)"
                        : "path '" + whole + "': '" + p + "' is not a GraphQL field name");
            }
        }
        return parts;
    }

    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Reads the value at this path below {@code base}; missing field or JSON null gives null. */
    JsonNode read(JsonNode base) {
        JsonNode n = base;
        for (String s : segments) {
            if (n == null) {
                return null;
            }
            n = n.get(s);
        }
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /**
     * Reads relative to a chain of enclosing elements: {@code levels[0]} is the record, {@code levels[depth]} the
     * current (child) element.
     */
    JsonNode read(JsonNode[] levels, int depth) {
        return read(levels[fromRoot ? 0 : depth - up]);
    }

    int up() {
        return up;
    }

    boolean fromRoot() {
        return fromRoot;
    }

    List<String> segments() {
        return Arrays.asList(segments);
    }

    @Override
    public String toString() {
        return text;
    }
}
