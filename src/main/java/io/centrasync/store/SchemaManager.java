package io.centrasync.store;

import io.centrasync.mapping.ColumnSpec;
import io.centrasync.mapping.ColumnType;
import io.centrasync.mapping.TableSpec;
import io.centrasync.run.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Creates and evolves tables from the mappings: a missing table is created, a newly mapped column
 * is added, a column is widened where no value can be lost (see {@link ColumnWidening}), nothing is
 * ever dropped, and a column that could only be narrowed or changed in kind stops the start with a
 * message that says what to do.
 */
public final class SchemaManager {

    /** Bookkeeping columns of every root table: when the row was written and a hash of what was written. */
    public static final String SYNCED_AT = "_synced_at";
    public static final String ROW_HASH = "_row_hash";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final SystemTables systemTables;

    public SchemaManager(DataSource dataSource, Dialect dialect, SystemTables systemTables) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.systemTables = systemTables;
    }

    /**
     * Our own tables ({@link SystemTables}): created when missing, and a table of an earlier version gains
     * the columns added since. A table of one of their names that is not ours (a column missing or of
     * another type) stops the start before anything is created or written.
     */
    public void ensureSystemTables() {
        List<SystemTableSchema.Table> tables = SystemTableSchema.tables(systemTables, dialect);
        Map<String, Map<String, SystemTableSchema.Existing>> existing = new LinkedHashMap<>();
        for (SystemTableSchema.Table table : tables) {
            Map<String, SystemTableSchema.Existing> columns = readColumns(table.name());
            String incompatibility = columns.isEmpty() ? null : table.incompatibility(columns);
            if (incompatibility != null) {
                throw new ConfigException("table " + table.name() + " exists but is not ours (" + incompatibility + "): set "
                        + SystemTables.PREFIX_SETTING + " (SINK_SYSTEM_TABLE_PREFIX) to a prefix for our bookkeeping tables,"
                        + " e.g. centra_sync_");
            }
            existing.put(table.name(), columns);
        }
        for (SystemTableSchema.Table table : tables) {
            Map<String, SystemTableSchema.Existing> columns = existing.get(table.name());
            if (columns.isEmpty()) {
                execute(List.of(table.createStatement()));
            } else {
                // IF NOT EXISTS: another process may be adding the same column right now
                execute(table.missingLaterColumns(columns).stream()
                        .map(c -> "ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS " + c.definition()).toList());
            }
        }
    }

    /** Creates or evolves every table of one mapping, and the staging tables of a snapshot entity. */
    public void ensure(io.centrasync.mapping.EntityMapping mapping) {
        List<TableSpec> tables = new ArrayList<>(mapping.tables());
        if (SnapshotTables.isSnapshot(mapping)) {
            tables.addAll(mapping.tables().stream().map(t -> new TableSpec(SnapshotTables.stageName(t.name()), t.key(), t.columns(),
                    t.child(), t.parentKeyColumns())).toList());
        }
        mapping.historyTable().ifPresent(tables::add);
        ensure(tables);
    }

    /**
     * Creates or evolves these tables. Every table is checked before any is changed, so a column that cannot
     * be widened stops the start with nothing altered.
     */
    public void ensure(List<TableSpec> tables) {
        List<List<Change>> changes = new ArrayList<>();
        for (TableSpec table : tables) {
            Map<String, SystemTableSchema.Existing> columns = readColumns(table.name());
            if (columns.isEmpty()) {
                changes.add(List.of(new Change(createTable(table), "created table " + table.name())));
            } else {
                checkKey(table);
                changes.add(evolution(table, columns));
            }
        }
        for (List<Change> tableChanges : changes) {
            execute(tableChanges.stream().map(Change::sql).toList());
            tableChanges.forEach(change -> LOG.info("{}", change.log()));
        }
    }

    /** A statement that creates or alters a table, and the line logged once it ran. */
    private record Change(String sql, String log) {
        Change(String sql) {
            this(sql, sql);
        }
    }

    /**
     * A table of that name that does not have the mapping's key as its primary key is someone else's (or was
     * made for another mapping): it is never altered, and every upsert into it would fail, so the start stops.
     */
    private void checkKey(TableSpec table) {
        List<String> primaryKey = primaryKey(table.name());
        List<String> expected = table.key().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        if (!new java.util.HashSet<>(primaryKey).equals(new java.util.HashSet<>(expected))) {
            throw new ConfigException("table " + table.name() + " exists but is not the mapping's: its primary key is ("
                    + String.join(", ", primaryKey) + "), the mapping's key is (" + String.join(", ", expected)
                    + "); it was left as it is. Map the entity to another table (table: in its mapping) or our tables to another "
                    + "schema (sink.schema)");
        }
    }

    /** The lower-cased columns of the table's primary key, in the connection's current schema; empty if it has none. */
    private List<String> primaryKey(String table) {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getPrimaryKeys(c.getCatalog(), c.getSchema(), dialect.metadataName(table))) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new SinkException("cannot read the primary key of table " + table, e);
        }
        return columns;
    }

    private String createTable(TableSpec table) {
        List<String> defs = columnDefinitions(table, dialect);
        defs.add("PRIMARY KEY (" + String.join(", ", table.key()) + ")");
        return "CREATE TABLE " + table.name() + " (" + String.join(", ", defs) + ")";
    }

    /** The mapped table's columns as {@code name TYPE}, ours ({@code _synced_at}, {@code _row_hash}) included on a root table. */
    static List<String> columnDefinitions(TableSpec table, Dialect dialect) {
        List<String> defs = new ArrayList<>();
        for (ColumnSpec c : table.columns()) {
            defs.add(c.name() + " " + dialect.sqlType(c.type()) + (table.key().contains(c.name()) ? " NOT NULL" : ""));
        }
        if (!table.child()) {
            defs.add(SYNCED_AT + " " + dialect.instantType());
            defs.add(ROW_HASH + " VARCHAR(32)");
        }
        return defs;
    }

    /** The statements that bring an existing table to the mapping: columns added, columns widened. */
    private List<Change> evolution(TableSpec table, Map<String, SystemTableSchema.Existing> existing) {
        List<Change> alters = new ArrayList<>();
        for (ColumnSpec c : table.columns()) {
            SystemTableSchema.Existing column = existing.get(c.name().toLowerCase(Locale.ROOT));
            if (column == null) {
                alters.add(new Change("ALTER TABLE " + table.name() + " ADD COLUMN " + c.name() + " " + dialect.sqlType(c.type())));
                continue;
            }
            switch (ColumnWidening.of(column.jdbcType(), column.size(), c.type())) {
                case WIDEN -> alters.add(new Change(dialect.alterColumnType(table.name(), c.name(), dialect.sqlType(c.type())),
                        "table " + table.name() + ": widened column " + c.name() + " from " + jdbcTypeName(column.jdbcType())
                                + " to " + dialect.sqlType(c.type()) + " for the mapped type " + c.type().yamlName()));
                case INCOMPATIBLE -> throw new ConfigException("table " + table.name() + ": column " + c.name()
                        + " exists with JDBC type " + jdbcTypeName(column.jdbcType()) + ", which cannot hold the mapped type "
                        + c.type().yamlName() + " and is widened only where no value can be lost; change the mapping back, or"
                        + " migrate the column yourself (e.g. " + dialect.alterColumnType(table.name(), c.name(), dialect.sqlType(c.type()))
                        + ") and rerun with --full");
                case HOLDS -> {
                }
            }
        }
        if (!table.child()) {
            if (!existing.containsKey(SYNCED_AT)) {
                alters.add(new Change("ALTER TABLE " + table.name() + " ADD COLUMN " + SYNCED_AT + " " + dialect.instantType()));
            }
            if (!existing.containsKey(ROW_HASH)) {
                alters.add(new Change("ALTER TABLE " + table.name() + " ADD COLUMN " + ROW_HASH + " VARCHAR(32)"));
            }
        }
        return alters;
    }

    /** Whether an existing column of this JDBC type can store every value of the mapped type without loss. */
    static boolean holds(int jdbcType, ColumnType type) {
        Set<Integer> ok = switch (type) {
            case STRING -> Set.of(Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.CHAR);
            case INT -> Set.of(Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL);
            case LONG -> Set.of(Types.BIGINT, Types.NUMERIC, Types.DECIMAL);
            case DECIMAL -> Set.of(Types.NUMERIC, Types.DECIMAL);
            case BOOLEAN -> Set.of(Types.BOOLEAN, Types.BIT);
            case TIMESTAMP -> Set.of(Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP);
            case DATE -> Set.of(Types.DATE);
            case JSON -> Set.of(Types.OTHER, Types.CLOB, Types.VARCHAR, Types.LONGVARCHAR, Types.JAVA_OBJECT);
        };
        return ok.contains(jdbcType);
    }

    static String jdbcTypeName(int jdbcType) {
        try {
            return java.sql.JDBCType.valueOf(jdbcType).getName();
        } catch (IllegalArgumentException e) {
            return String.valueOf(jdbcType);
        }
    }

    /**
     * Lower-cased column name to JDBC type; empty when the table does not exist. Looks in the
     * connection's current schema only ({@code sink.schema}, else the database's default), so a
     * table of the same name elsewhere is not mistaken for ours.
     */
    Map<String, Integer> existingColumns(String table) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        readColumns(table).forEach((name, column) -> columns.put(name, column.jdbcType()));
        return columns;
    }

    private Map<String, SystemTableSchema.Existing> readColumns(String table) {
        Map<String, SystemTableSchema.Existing> columns = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = MetadataPatterns.literal(c, c.getSchema());
            try (ResultSet rs = meta.getColumns(c.getCatalog(), schema, MetadataPatterns.literal(c, dialect.metadataName(table)), null)) {
                while (rs.next()) {
                    boolean required = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls && rs.getString("COLUMN_DEF") == null
                            && !"YES".equals(rs.getString("IS_AUTOINCREMENT"));
                    columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            new SystemTableSchema.Existing(rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"), required));
                }
            }
        } catch (SQLException e) {
            throw new SinkException("cannot read the columns of table " + table, e);
        }
        return columns;
    }

    private void execute(List<String> statements) {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new SinkException("cannot prepare tables: " + e.getMessage(), e);
        }
    }
}
