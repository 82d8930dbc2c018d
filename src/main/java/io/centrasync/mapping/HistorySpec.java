package io.centrasync.mapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot entity's history ({@code history:} in its mapping): after a run that published a snapshot, a copy of
 * the root table's rows goes into {@code table} with the moment in {@code snapshot_at}, at most once per
 * {@code every}; copies older than {@code keep} are removed. Planners chart stock per size and warehouse over time.
 */
public record HistorySpec(String table, Duration every, Duration keep) {

    /** The column that tells the copies apart. */
    public static final String SNAPSHOT_AT = "snapshot_at";

    /** The history table: {@code snapshot_at}, then the root table's columns; key {@code snapshot_at} and the root's key. */
    public TableSpec tableOf(TableSpec root) {
        List<String> key = new ArrayList<>();
        key.add(SNAPSHOT_AT);
        key.addAll(root.key());
        List<ColumnSpec> columns = new ArrayList<>();
        columns.add(new ColumnSpec(SNAPSHOT_AT, ColumnType.TIMESTAMP));
        columns.addAll(root.columns());
        return new TableSpec(table, key, columns, false, List.of());
    }
}
