package io.centrasync.mapping;

/** One column of a {@link TableSpec}: its SQL name and type. */
public record ColumnSpec(String name, ColumnType type) {
}
