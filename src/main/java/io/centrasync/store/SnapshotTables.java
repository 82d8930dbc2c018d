package io.centrasync.store;

import io.centrasync.mapping.ColumnSpec;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.TableSpec;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshot entities (no incremental field, e.g. stock) are re-read completely each run. Their pages go
 * to staging tables ({@code _stage_<table>}); only when the whole snapshot is in are the live tables
 * replaced from them, in the same transaction that completes the run. So readers always see the
 * last complete snapshot, a crashed snapshot changes nothing visible, and rows that disappeared from
 * Centra disappear from the database.
 *
 * <p>An entity's first snapshot (no run of it has completed, its tables are empty) has no previous
 * snapshot to keep: its pages go straight into the live tables, as an incremental backfill's do, and
 * an initial load writes each row once instead of twice. Readers see it fill up, and {@code sync_runs}
 * says when it is complete.
 */
public final class SnapshotTables {

    /** The share of a live table's rows that one snapshot may remove unless allowed ({@code sink.snapshot-max-shrink}). */
    public static final double DEFAULT_MAX_SHRINK = 0.2;

    private final double maxShrink;
    private final Set<String> shrinkAllowed = ConcurrentHashMap.newKeySet();

    public SnapshotTables() {
        this(DEFAULT_MAX_SHRINK);
    }

    /** @param maxShrink the share (0 to 1) of a live table's rows one snapshot may remove; 1 removes whatever Centra no longer has */
    public SnapshotTables(double maxShrink) {
        if (maxShrink < 0 || maxShrink > 1) {
            throw new IllegalArgumentException("sink.snapshot-max-shrink must be a share from 0 to 1, got " + maxShrink);
        }
        this.maxShrink = maxShrink;
    }

    /** The next snapshots of these entities may remove any share of their rows ({@code sync --allow-shrink}). */
    public void allowShrink(Collection<String> entities) {
        shrinkAllowed.addAll(entities);
    }

    public static boolean isSnapshot(EntityMapping mapping) {
        return mapping.incremental().isEmpty();
    }

    public static String stageName(String table) {
        return "_stage_" + table;
    }

    /** Whether the live tables hold no row yet: a first snapshot then writes straight into them (see SyncRun#staged). */
    public boolean liveTablesEmpty(Connection c, EntityMapping mapping) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (TableSpec t : mapping.tables()) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + t.name() + " FETCH FIRST 1 ROWS ONLY")) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** Empties the staging tables before a new (not resumed) snapshot. */
    public void clear(Connection c, EntityMapping mapping) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (TableSpec t : mapping.tables()) {
                s.executeUpdate("DELETE FROM " + stageName(t.name()));
            }
        }
    }

    /** What publishing changed in the live root table. */
    public record Published(int removed, int changed, long unchanged) {
    }

    /**
     * Makes the live tables equal to the completed snapshot, on the caller's transaction: deletes the rows
     * Centra no longer has, and copies in only the rows that are new or whose hash differs, so an unchanged
     * row is not rewritten (nor its {@code _synced_at} moved) and a run that changes 25 of 18,000 stock
     * rows writes 25. Child tables, if a snapshot entity has any, are replaced as a whole.
     */
    public Published publish(Connection c, EntityMapping mapping, Dialect dialect) throws SQLException {
        TableSpec root = mapping.rootTable();
        String stage = stageName(root.name());
        try (Statement s = c.createStatement()) {
            String keyMatch = String.join(" AND ", root.key().stream().map(k -> "s." + k + " = t." + k).toList());
            long staged = count(s, "SELECT COUNT(*) FROM " + stage);
            checkShrink(s, mapping.entity(), root.name(), staged);
            int removed = s.executeUpdate("DELETE FROM " + root.name() + " t WHERE NOT EXISTS (SELECT 1 FROM "
                    + stage + " s WHERE " + keyMatch + ")");
            int changed = s.executeUpdate(dialect.mergeChanged(root.name(), stage, columns(root), root.key(), SchemaManager.ROW_HASH));
            for (TableSpec t : mapping.tables().subList(1, mapping.tables().size())) {
                String columns = String.join(", ", columns(t));
                s.executeUpdate("DELETE FROM " + t.name());
                s.executeUpdate("INSERT INTO " + t.name() + " (" + columns + ") SELECT " + columns + " FROM " + stageName(t.name()));
            }
            return new Published(removed, changed, staged - changed);
        }
    }

    /**
     * Stops a snapshot of {@code after} rows that would leave the live table smaller by more than the allowed share of its rows. Rows
     * replaced by others do not count: a first snapshot into a table holding a stray row is no shrink.
     */
    private void checkShrink(Statement s, String entity, String table, long after) throws SQLException {
        if (maxShrink >= 1 || shrinkAllowed.contains(entity)) {
            return;
        }
        long live = count(s, "SELECT COUNT(*) FROM " + table);
        if (live - after > maxShrink * live) {
            throw new SnapshotShrinkException(entity, table, live, after, maxShrink);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Empties the staging tables of a published snapshot with {@code TRUNCATE}, far cheaper than
     * {@code DELETE}: on PostgreSQL in the publishing transaction; on H2, where it would commit that
     * transaction, right after it (see {@link io.centrasync.store.Dialect#truncateCommits}). Should that
     * fail, {@link #clear} empties them before the next snapshot.
     */
    public void discard(Connection c, EntityMapping mapping) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (TableSpec t : mapping.tables()) {
                s.executeUpdate("TRUNCATE TABLE " + stageName(t.name()));
            }
        }
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
