package io.centrasync.store;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.RecheckSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The keys of rows not yet in a final state (see {@link RecheckSpec}), in request-sized batches. */
public final class PendingRechecks {

    private final DataSource dataSource;
    private final OutageRetry outages;

    public PendingRechecks(DataSource dataSource) {
        this(dataSource, OutageRetry.none());
    }

    public PendingRechecks(DataSource dataSource, OutageRetry outages) {
        this.dataSource = dataSource;
        this.outages = outages;
    }

    /**
     * The rows not in a final state, except those written since {@code writtenSince} (the run's start):
     * those were just read from Centra by the run itself, so after a full backfill nothing is re-read.
     */
    public List<List<Object>> batches(EntityMapping mapping, Instant writtenSince) {
        return outages.call(mapping.entity() + " recheck", () -> batchesOnce(mapping, writtenSince));
    }

    private List<List<Object>> batchesOnce(EntityMapping mapping, Instant writtenSince) {
        RecheckSpec spec = mapping.recheck().orElseThrow();
        String table = mapping.rootTable().name();
        String key = mapping.rootTable().key().get(0);
        String sql = "SELECT " + key + " FROM " + table + " WHERE (" + spec.column() + " IS NULL OR " + spec.column()
                + " NOT IN (" + "?, ".repeat(spec.finalValues().size()).replaceAll(", $", "") + "))"
                + " AND (" + SchemaManager.SYNCED_AT + " IS NULL OR " + SchemaManager.SYNCED_AT + " < ?) ORDER BY " + key;
        List<List<Object>> batches = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (String value : spec.finalValues()) {
                ps.setString(p++, value);
            }
            io.centrasync.store.Jdbc.setInstant(ps, p, writtenSince);
            try (ResultSet rs = ps.executeQuery()) {
                List<Object> batch = new ArrayList<>();
                while (rs.next()) {
                    batch.add(rs.getObject(1));
                    if (batch.size() == spec.batch()) {
                        batches.add(batch);
                        batch = new ArrayList<>();
                    }
                }
                if (!batch.isEmpty()) {
                    batches.add(batch);
                }
            }
        } catch (SQLException e) {
            throw new SinkException("cannot list the " + table + " rows to re-read: " + e.getMessage(), e);
        }
        return batches;
    }
}
