package io.centrasync.store;

import io.centrasync.mapping.ColumnSpec;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.HistorySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Keeps a snapshot entity's history ({@link HistorySpec}): in the transaction that completes a snapshot run, the root
 * table's rows are copied with the moment into the history table, unless the last copy is younger than
 * {@code every}, and copies older than {@code keep} are removed. The copy is of the table as published, so it is
 * whole or not there.
 */
final class SnapshotHistory {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotHistory.class);

    private SnapshotHistory() {
    }

    /** Copies and trims as the mapping's history says; the rows copied (0 when none was due or there is no history). */
    static int record(Connection c, EntityMapping mapping, Instant now) throws SQLException {
        if (mapping.history().isEmpty()) {
            return 0;
        }
        HistorySpec history = mapping.history().get();
        String table = history.table();
        int copied = 0;
        Instant last = lastSnapshot(c, table);
        if (last == null || !last.plus(history.every()).isAfter(now)) {
            String columns = mapping.rootTable().columns().stream().map(ColumnSpec::name).collect(Collectors.joining(", "));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + HistorySpec.SNAPSHOT_AT + ", " + columns
                    + ") SELECT ?, " + columns + " FROM " + mapping.rootTable().name())) {
                Jdbc.setInstant(ps, 1, now);
                copied = ps.executeUpdate();
            }
        }
        int removed;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + HistorySpec.SNAPSHOT_AT + " < ?")) {
            Jdbc.setInstant(ps, 1, now.minus(history.keep()));
            removed = ps.executeUpdate();
        }
        if (copied > 0 || removed > 0) {
            LOG.info("{}: history: {} rows copied into {}, {} older than {} removed", mapping.entity(), copied, table, removed,
                    history.keep());
        }
        return copied;
    }

    private static Instant lastSnapshot(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(" + HistorySpec.SNAPSHOT_AT + ") AS last FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Jdbc.getInstant(rs, "last") : null;
        }
    }
}
