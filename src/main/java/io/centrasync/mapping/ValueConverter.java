package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Converts a JSON value to a column's Java type. Hand-written parsing (no regex, no DateTimeFormatter) because it
 * runs for every column of every record. Decimals never go through double.
 */
final class ValueConverter {
    private static final int MAX_SHOWN = 100;

    private final ZoneId zone;
    private final ZoneOffset fixedOffset;

    /** @param zone the zone of timestamps written without an offset (the mapping's {@code timezone:}) */
    ValueConverter(ZoneId zone) {
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(java.time.Instant.EPOCH) : null;
    }

    /** A value that cannot be converted; no stack trace (it is data, not a bug). */
    static final class ConversionException extends Exception {
        ConversionException(String message) {
            super(message, null, false, false);
        }
    }

    /** Converts a non-null JSON value. */
    Object convert(JsonNode node, ColumnType type) throws ConversionException {
        switch (type) {
            case STRING:
                if (node.isTextual()) {
                    return node.textValue();
                }
                if (node.isBigDecimal()) {
                    return node.decimalValue().toPlainString();
                }
                if (node.isValueNode()) {
                    return node.asText();
                }
                throw fail(node, type);
            case INT:
                return toInt(node);
            case LONG:
                return toLong(node);
            case DECIMAL:
                return toDecimal(node);
            case BOOLEAN:
                return toBoolean(node);
            case TIMESTAMP:
                if (node.isTextual()) {
                    OffsetDateTime t = parseTimestamp(node.textValue(), true);
                    if (t != null) {
                        return t;
                    }
                }
                throw fail(node, type);
            case DATE:
                if (node.isTextual()) {
                    OffsetDateTime t = parseTimestamp(node.textValue(), false);
                    if (t != null) {
                        return t.toLocalDate();
                    }
                }
                throw fail(node, type);
            case JSON:
                return node.toString();
            default:
                throw new IllegalStateException(type.name());
        }
    }

    /** Converts a mapping-file scalar (a {@code default:} or a {@code map:} target) at load time. */
    Object convertText(String text, ColumnType type) throws ConversionException {
        if (type == ColumnType.JSON) {
            try {
                return JsonValues.MAPPER.readTree(text).toString();
            } catch (java.io.IOException e) {
                throw new ConversionException("'" + shorten(text) + "' is not valid JSON");
            }
        }
        return convert(TextNode.valueOf(text), type);
    }

    private static Integer toInt(JsonNode node) throws ConversionException {
        if (node.isInt()) {
            return node.intValue();
        }
        Long l = toLongOrNull(node);
        if (l != null && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        throw fail(node, ColumnType.INT);
    }

    private static Long toLong(JsonNode node) throws ConversionException {
        Long l = toLongOrNull(node);
        if (l == null) {
            throw fail(node, ColumnType.LONG);
        }
        return l;
    }

    private static Long toLongOrNull(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.longValue() : null;
        }
        try {
            if (node.isBigDecimal()) {
                return node.decimalValue().longValueExact();
            }
            if (node.isFloatingPointNumber()) {
                return new BigDecimal(node.asText()).longValueExact();
            }
            if (node.isTextual()) {
                String s = node.textValue().trim();
                return isDigits(s) && s.length() < 19 ? Long.valueOf(s) : new BigDecimal(s).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static boolean isDigits(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal toDecimal(JsonNode node) throws ConversionException {
        try {
            if (node.isBigDecimal()) {
                return node.decimalValue();
            }
            if (node.isIntegralNumber()) {
                return node.canConvertToLong() ? BigDecimal.valueOf(node.longValue()) : new BigDecimal(node.bigIntegerValue());
            }
            if (node.isFloatingPointNumber()) {
                // a double/float node (mapper without USE_BIG_DECIMAL_FOR_FLOATS): its shortest text, not its binary value
                return new BigDecimal(node.asText());
            }
            if (node.isTextual()) {
                return new BigDecimal(node.textValue().trim());
            }
        } catch (NumberFormatException e) {
            // reported below (NaN, Infinity, "abc")
        }
        throw fail(node, ColumnType.DECIMAL);
    }

    private static Boolean toBoolean(JsonNode node) throws ConversionException {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String s = node.textValue().trim();
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        if (node.isIntegralNumber() && node.canConvertToInt() && (node.intValue() == 0 || node.intValue() == 1)) {
            return node.intValue() == 1;
        }
        throw fail(node, ColumnType.BOOLEAN);
    }

    /**
     * Parses {@code 2022-11-09T13:15:11+01:00}, {@code ...Z}, {@code ...+0100}, {@code ...+01}, fractional seconds,
     * a space instead of {@code T}, {@code 2021-10-23 00:00:00} (no offset: read in the mapping's zone) and a bare
     * date (start of that day in the mapping's zone).
     *
     * @param toUtc true: the instant at UTC; false: the local date-time with its own offset
     * @return null when the text is not a timestamp
     */
    OffsetDateTime parseTimestamp(String s, boolean toUtc) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        int i = 10;
        if (n > 10) {
            char sep = s.charAt(10);
            if (sep != 'T' && sep != 't' && sep != ' ') {
                return null;
            }
            if (n < 16 || s.charAt(13) != ':') {
                return null;
            }
            hour = digits(s, 11, 2);
            minute = digits(s, 14, 2);
            i = 16;
            if (i < n && s.charAt(i) == ':') {
                second = digits(s, i + 1, 2);
                i += 3;
                if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int start = ++i;
                    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                    int len = i - start;
                    if (len == 0 || len > 9) {
                        return null;
                    }
                    nanos = digits(s, start, len);
                    for (int k = len; k < 9; k++) {
                        nanos *= 10;
                    }
                }
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        ZoneOffset offset = null;
        if (i < n) {
            offset = parseOffset(s, i);
            if (offset == null) {
                return null;
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            OffsetDateTime t;
            if (offset != null) {
                t = OffsetDateTime.of(local, offset);
            } else if (fixedOffset != null) {
                t = OffsetDateTime.of(local, fixedOffset);
            } else {
                // DST gap: shifted forward; overlap: the earlier offset (ZonedDateTime.ofLocal rules)
                t = ZonedDateTime.ofLocal(local, zone, null).toOffsetDateTime();
            }
            return toUtc && !ZoneOffset.UTC.equals(t.getOffset()) ? t.withOffsetSameInstant(ZoneOffset.UTC) : t;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code Z}, {@code +01:00}, {@code +0100}, {@code +01}; null when malformed. */
    private static ZoneOffset parseOffset(String s, int i) {
        int n = s.length();
        char c = s.charAt(i);
        if ((c == 'Z' || c == 'z') && i + 1 == n) {
            return ZoneOffset.UTC;
        }
        if (c != '+' && c != '-') {
            return null;
        }
        int sign = c == '-' ? -1 : 1;
        int rest = n - i - 1;
        int hours = digits(s, i + 1, 2);
        int minutes;
        if (rest == 2) {
            minutes = 0;
        } else if (rest == 4) {
            minutes = digits(s, i + 3, 2);
        } else if (rest == 5 && s.charAt(i + 3) == ':') {
            minutes = digits(s, i + 4, 2);
        } else {
            return null;
        }
        if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Parses {@code len} ASCII digits at {@code start}; -1 if out of range or not all digits. */
    private static int digits(String s, int start, int len) {
        if (start + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = start; k < start + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static ConversionException fail(JsonNode node, ColumnType type) {
        String shown = node.isTextual() ? "'" + shorten(node.textValue()) + "'" : shorten(node.toString());
        String kind = node.isObject() ? " (an object)" : node.isArray() ? " (a list)" : "";
        return new ConversionException("cannot convert " + shown + kind + " to " + type.yamlName());
    }

    /** Truncates a value for an error message. */
    static String shorten(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "…";
    }
}
