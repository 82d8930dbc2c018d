package io.centrasync.sink;

import io.centrasync.mapping.ColumnSpec;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.TableSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot entities (no incremental field, e.g. stock) are re-read completely each run. Their pages go
 * to staging tables ({@code _stage_<table>}); only when the whole snapshot is in are the live tables
 * replaced from them, in the same transaction that completes the run. So readers always see the
 * last complete snapshot, a crashed snapshot changes nothing visible, and rows that disappeared from
 * Centra disappear from the database.
 */
public final class SnapshotTables {

    public static boolean isSnapshot(EntityMapping mapping) {
        return mapping.incremental().isEmpty();
    }

    public static String stageName(String table) {
        return "_stage_" + table;
    }

    /** Empties the staging tables before a new (not resumed) snapshot. */
    public void clear(Connection c, EntityMapping mapping) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (TableSpec t : mapping.tables()) {
                s.executeUpdate("DELETE FROM " + stageName(t.name()));
            }
        }
    }

    /** Replaces the live tables with the completed snapshot; returns how many root rows disappeared. */
    public int publish(Connection c, EntityMapping mapping) throws SQLException {
        TableSpec root = mapping.rootTable();
        int removed;
        try (Statement s = c.createStatement()) {
            String keyMatch = String.join(" AND ", root.key().stream().map(k -> "s." + k + " = t." + k).toList());
            removed = s.executeUpdate("DELETE FROM " + root.name() + " t WHERE NOT EXISTS (SELECT 1 FROM "
                    + stageName(root.name()) + " s WHERE " + keyMatch + ")");
            for (TableSpec t : mapping.tables()) {
                String columns = String.join(", ", columns(t));
                s.executeUpdate("DELETE FROM " + t.name());
                s.executeUpdate("INSERT INTO " + t.name() + " (" + columns + ") SELECT " + columns + " FROM " + stageName(t.name()));
                s.executeUpdate("DELETE FROM " + stageName(t.name()));
            }
        }
        return removed;
    }

    static List<String> columns(TableSpec t) {
        List<String> names = new ArrayList<>();
        for (ColumnSpec c : t.columns()) {
            names.add(c.name());
        }
        if (!t.child()) {
            names.add(SchemaManager.SYNCED_AT);
            names.add(SchemaManager.ROW_HASH);
        }
        return names;
    }
}
