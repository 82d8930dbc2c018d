package io.centrasync.mapping;

import java.util.Locale;

/**
 * The SQL-facing type of a mapped column and the Java type the {@link RecordMapper} produces for it.
 *
 * <ul>
 *   <li>{@code STRING} → {@link String}</li>
 *   <li>{@code INT} → {@link Integer}, {@code LONG} → {@link Long}</li>
 *   <li>{@code DECIMAL} → {@link java.math.BigDecimal} (exact, never via double)</li>
 *   <li>{@code BOOLEAN} → {@link Boolean}</li>
 *   <li>{@code TIMESTAMP} → {@link java.time.OffsetDateTime} at UTC</li>
 *   <li>{@code DATE} → {@link java.time.LocalDate}</li>
 *   <li>{@code JSON} → {@link String} holding compact JSON text</li>
 * </ul>
 */
public enum ColumnType {
    STRING, INT, LONG, DECIMAL, BOOLEAN, TIMESTAMP, DATE, JSON;

    /** The name used in mapping files, e.g. {@code decimal}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a mapping-file type name; returns null when unknown. */
    static ColumnType fromYaml(String name) {
        for (ColumnType t : values()) {
            if (t.yamlName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
