package io.centrasync.sink;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.RecheckSpec;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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

    public List<List<Object>> batches(EntityMapping mapping) {
        return outages.call(mapping.entity() + " recheck", () -> batchesOnce(mapping));
    }

    private List<List<Object>> batchesOnce(EntityMapping mapping) {
        RecheckSpec spec = mapping.recheck().orElseThrow();
        String table = mapping.rootTable().name();
        String key = mapping.rootTable().key().get(0);
        String sql = "SELECT " + key + " FROM " + table + " WHERE " + spec.column() + " IS NULL OR " + spec.column()
                + " NOT IN (" + "?, ".repeat(spec.finalValues().size()).replaceAll(", $", "") + ") ORDER BY " + key;
        List<List<Object>> batches = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < spec.finalValues().size(); i++) {
                ps.setString(i + 1, spec.finalValues().get(i));
            }
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
