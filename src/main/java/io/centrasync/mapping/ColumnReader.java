package io.centrasync.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One compiled column: where its value comes from (path, custom attribute or JSONata expression) and what happens
 * to it (map, default, type conversion, required check). Immutable and thread-safe.
 */
final class ColumnReader {
    /** Stands for "maps to null" in {@link #map}. */
    private static final Object MAPPED_NULL = new Object();

    private final String name;
    private final String source;
    private final ColumnType type;
    private final PathExpression path;
    private final PathExpression[] fallbackPaths;
    private final String attributeType;
    private final String attributeKey;
    private final Jsonata expr;
    private final boolean required;
    private final Object defaultValue;
    private final Map<String, Object> map;
    private final boolean mapStrict;

    private ColumnReader(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.type = b.type;
        this.path = b.path;
        this.fallbackPaths = b.fallbackPaths;
        this.attributeType = b.attributeType;
        this.attributeKey = b.attributeKey;
        this.expr = b.expr;
        this.required = b.required;
        this.defaultValue = b.defaultValue;
        this.map = b.map == null ? null : Map.copyOf(b.map);
        this.mapStrict = b.mapStrict;
    }

    /** Mutable description used while compiling a mapping. */
    static final class Builder {
        String name;
        String source;
        ColumnType type = ColumnType.STRING;
        PathExpression path;
        PathExpression[] fallbackPaths = new PathExpression[0];
        String attributeType;
        String attributeKey;
        Jsonata expr;
        boolean required;
        Object defaultValue;
        Map<String, Object> map;
        boolean mapStrict;

        /** Registers a map entry; {@code value} is already converted to the column type (null allowed). */
        void mapValue(String from, Object value) {
            map.put(from, value == null ? MAPPED_NULL : value);
        }

        ColumnReader build() {
            return new ColumnReader(this);
        }
    }

    String name() {
        return name;
    }

    ColumnType type() {
        return type;
    }

    boolean usesExpr() {
        return expr != null;
    }

    /** {@code path id} / {@code attribute gift_wrap.message} / {@code expr ...}: for messages. */
    String source() {
        return source;
    }

    /**
     * Reads and converts this column's value.
     *
     * @param levels {@code levels[0]} the record, {@code levels[depth]} the current element
     * @param exprs  the record's JSONata input (null when the mapping has no expressions)
     * @throws ColumnFailure with the reason (without column name: the caller adds context)
     */
    Object read(JsonNode[] levels, int depth, ExprInput exprs, ValueConverter converter) throws ColumnFailure {
        JsonNode node;
        if (path != null) {
            node = path.read(levels, depth);
            for (int i = 0; node == null && i < fallbackPaths.length; i++) {
                node = fallbackPaths[i].read(levels, depth);
            }
        } else if (attributeType != null) {
            node = attribute(levels[depth]);
        } else {
            node = evaluate(levels, depth, exprs);
        }
        Object value = null;
        if (node != null) {
            try {
                if (map != null) {
                    Object mapped = map.get(mapKey(node));
                    if (mapped != null) {
                        value = mapped == MAPPED_NULL ? null : mapped;
                    } else if (mapStrict) {
                        throw new ColumnFailure("value " + shown(node) + " is not in the map (mapStrict)");
                    } else {
                        value = converter.convert(node, type);
                    }
                } else {
                    value = converter.convert(node, type);
                }
            } catch (ValueConverter.ConversionException e) {
                throw new ColumnFailure(e.getMessage());
            }
        }
        if (value == null) {
            value = defaultValue;
            if (value == null && required) {
                throw ColumnFailure.MISSING;
            }
        }
        return value;
    }

    private static String mapKey(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        return node.isValueNode() ? node.asText() : "";
    }

    private static String shown(JsonNode node) {
        return node.isTextual() ? "'" + ValueConverter.shorten(node.textValue()) + "'" : ValueConverter.shorten(node.toString());
    }

    /** The element {@code key == attributeKey} of the attribute whose {@code type.name == attributeType}. */
    private JsonNode attribute(JsonNode base) {
        JsonNode attributes = base.get("attributes");
        if (attributes == null || !attributes.isArray()) {
            return null;
        }
        for (JsonNode attribute : attributes) {
            JsonNode typeNode = attribute.get("type");
            JsonNode typeName = typeNode == null ? null : typeNode.get("name");
            if (typeName == null || !attributeType.equals(typeName.asText())) {
                continue;
            }
            JsonNode elements = attribute.get("elements");
            if (elements == null || !elements.isArray()) {
                continue;
            }
            for (JsonNode element : elements) {
                JsonNode key = element.get("key");
                if (key != null && attributeKey.equals(key.asText())) {
                    // string elements carry value, choice elements selectedValue (the query's fragments decide)
                    JsonNode v = element.has("value") ? element.get("value") : element.get("selectedValue");
                    return v == null || v.isNull() ? null : v;
                }
            }
        }
        return null;
    }

    private JsonNode evaluate(JsonNode[] levels, int depth, ExprInput exprs) throws ColumnFailure {
        Object result;
        try {
            if (depth == 0) {
                result = expr.evaluate(exprs.record());
            } else {
                // in a child table the expression sees the element; the whole record is $record
                Jsonata.Frame frame = expr.createFrame();
                frame.bind("record", exprs.record());
                result = expr.evaluate(exprs.element(levels[depth]), frame);
            }
        } catch (RuntimeException e) {
            throw new ColumnFailure("expression failed: " + ValueConverter.shorten(String.valueOf(e.getMessage())));
        }
        if (result == null || result == Jsonata.NULL_VALUE) {
            return null;
        }
        try {
            JsonNode node = JsonValues.MAPPER.valueToTree(result);
            return node == null || node.isNull() ? null : node;
        } catch (IllegalArgumentException e) {
            throw new ColumnFailure("expression gave a value that is not JSON (" + result.getClass().getSimpleName() + ")");
        }
    }

    /** The plain-Java view of one record for JSONata, built lazily once per record. */
    static final class ExprInput {
        private final JsonNode record;
        private Object plainRecord;
        private JsonNode lastElement;
        private Object lastPlainElement;

        ExprInput(JsonNode record) {
            this.record = record;
        }

        Object record() {
            if (plainRecord == null) {
                plainRecord = JsonValues.toPlain(record);
            }
            return plainRecord;
        }

        Object element(JsonNode element) {
            if (element != lastElement) {
                lastElement = element;
                lastPlainElement = JsonValues.toPlain(element);
            }
            return lastPlainElement;
        }
    }

    /** Why a column could not be read; no stack trace. */
    static final class ColumnFailure extends Exception {
        /** The value is null after default and the column is required. */
        static final ColumnFailure MISSING = new ColumnFailure("missing");

        ColumnFailure(String message) {
            super(message, null, false, false);
        }
    }
}
