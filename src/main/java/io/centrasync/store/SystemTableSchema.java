package io.centrasync.store;

import io.centrasync.mapping.ColumnType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of our bookkeeping tables ({@link SystemTables}): what {@link SchemaManager} creates, adds
 * to a table of an earlier version, and expects of an existing table before it writes to it.
 */
final class SystemTableSchema {

    /**
     * One of our columns. {@code kind} says which existing column types can hold it; {@code addedLater}:
     * a table of an earlier version lacks it and gains it.
     */
    record Column(String name, String sqlType, ColumnType kind, boolean notNull, boolean addedLater) {
        String definition() {
            return name + " " + sqlType + (notNull ? " NOT NULL" : "");
        }
    }

    /**
     * An existing column as the database describes it; {@code size}: declared length or precision;
     * {@code required}: NOT NULL without a default.
     */
    record Existing(int jdbcType, int size, boolean required) {
    }

    record Table(String name, List<Column> columns, List<String> key) {

        String createStatement() {
            List<String> defs = new ArrayList<>(columns.stream().map(Column::definition).toList());
            defs.add("PRIMARY KEY (" + String.join(", ", key) + ")");
            return "CREATE TABLE IF NOT EXISTS " + name + " (" + String.join(", ", defs) + ")";
        }

        /** Why an existing table of this name cannot be ours, or null when it can (perhaps lacking columns added later). */
        String incompatibility(Map<String, Existing> existing) {
            List<String> problems = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (Column c : columns) {
                Existing e = existing.get(c.name());
                if (e == null) {
                    if (!c.addedLater()) {
                        missing.add(c.name());
                    }
                } else if (!SchemaManager.holds(e.jdbcType(), c.kind())) {
                    problems.add("column " + c.name() + " is " + SchemaManager.jdbcTypeName(e.jdbcType()) + ", not " + c.sqlType());
                }
            }
            if (!missing.isEmpty()) {
                problems.add(0, "it has no column " + String.join(", ", missing));
            }
            existing.forEach((name, e) -> {
                if (e.required() && columns.stream().noneMatch(c -> c.name().equals(name))) {
                    problems.add("its column " + name + " is NOT NULL without a default, and we would not fill it");
                }
            });
            return problems.isEmpty() ? null : String.join("; ", problems);
        }

        /** Columns an earlier version of the table lacks. */
        List<Column> missingLaterColumns(Map<String, Existing> existing) {
            return columns.stream().filter(c -> c.addedLater() && !existing.containsKey(c.name().toLowerCase(Locale.ROOT))).toList();
        }
    }

    private SystemTableSchema() {
    }

    static List<Table> tables(SystemTables names, Dialect dialect) {
        String ts = dialect.instantType();
        String text = dialect.textType();
        Table syncState = new Table(names.syncState(), List.of(
                column("entity", "VARCHAR(100)", ColumnType.STRING, true),
                column("watermark", ts, ColumnType.TIMESTAMP, false),
                column("mapping_hash", "VARCHAR(64)", ColumnType.STRING, false),
                column("run_id", "VARCHAR(40)", ColumnType.STRING, false),
                column("run_started_at", ts, ColumnType.TIMESTAMP, false),
                column("run_since", ts, ColumnType.TIMESTAMP, false),
                column("run_cursor", text, ColumnType.STRING, false),
                column("run_pages", "INTEGER", ColumnType.INT, false),
                column("run_max_seen", ts, ColumnType.TIMESTAMP, false),
                column("run_mapping_hash", "VARCHAR(64)", ColumnType.STRING, false),
                column("updated_at", ts, ColumnType.TIMESTAMP, false),
                // NULL in a row of an earlier version reads as staged, as runs then were
                later("run_staged", "BOOLEAN", ColumnType.BOOLEAN),
                // records the run in flight has committed (for `status`); moves with run_pages
                later("run_records", "BIGINT", ColumnType.LONG)), List.of("entity"));
        Table deadLetter = new Table(names.deadLetter(), List.of(
                column("entity", "VARCHAR(100)", ColumnType.STRING, true),
                column("record_key", "VARCHAR(500)", ColumnType.STRING, true),
                column("reason", text, ColumnType.STRING, true),
                column("payload", text, ColumnType.STRING, true),
                column("attempts", "INTEGER", ColumnType.INT, true),
                column("first_seen_at", ts, ColumnType.TIMESTAMP, true),
                column("last_seen_at", ts, ColumnType.TIMESTAMP, true),
                column("run_id", "VARCHAR(40)", ColumnType.STRING, false)), List.of("entity", "record_key"));
        Table syncRuns = new Table(names.syncRuns(), List.of(
                column("run_id", "VARCHAR(40)", ColumnType.STRING, true),
                column("entity", "VARCHAR(100)", ColumnType.STRING, true),
                column("started_at", ts, ColumnType.TIMESTAMP, true),
                column("finished_at", ts, ColumnType.TIMESTAMP, false),
                column("status", "VARCHAR(20)", ColumnType.STRING, true),
                column("since_time", ts, ColumnType.TIMESTAMP, false),
                column("pages", "INTEGER", ColumnType.INT, false),
                column("records", "INTEGER", ColumnType.INT, false),
                column("written", "INTEGER", ColumnType.INT, false),
                column("unchanged", "INTEGER", ColumnType.INT, false),
                column("dead_letters", "INTEGER", ColumnType.INT, false),
                column("complexity", "BIGINT", ColumnType.LONG, false),
                column("error", text, ColumnType.STRING, false),
                // who runs it, so that a run whose process has gone can be told from a live one (see RunOwner)
                later("node", "VARCHAR(255)", ColumnType.STRING),
                later("pid", "BIGINT", ColumnType.LONG),
                later("process_started_at", ts, ColumnType.TIMESTAMP)), List.of("run_id"));
        return List.of(syncState, deadLetter, syncRuns);
    }

    private static Column column(String name, String sqlType, ColumnType kind, boolean notNull) {
        return new Column(name, sqlType, kind, notNull, false);
    }

    private static Column later(String name, String sqlType, ColumnType kind) {
        return new Column(name, sqlType, kind, false, true);
    }
}
