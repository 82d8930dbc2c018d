package io.centrasync.bench;

import io.centrasync.mapping.ColumnSpec;
import io.centrasync.mapping.MappedRecord;
import io.centrasync.mapping.TableSpec;
import io.centrasync.run.MappedPage;
import io.centrasync.store.Dialect;
import io.centrasync.store.ValueBinder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The baseline writer of the raw-write phase: per page one transaction with one batched upsert per
 * table, nothing else (no change detection, no child replacement, no dead letters, no checkpoint).
 * Same statements shape, value binding and commit granularity as the connector, so the difference to
 * the end-to-end phase is what the connector adds.
 */
final class PlainJdbcWriter {

    private final List<TableSpec> tables;
    private final List<String> upserts;

    PlainJdbcWriter(Dialect dialect, List<TableSpec> tables) {
        this.tables = tables;
        this.upserts = tables.stream().map(t -> {
            List<String> columns = t.columns().stream().map(ColumnSpec::name).toList();
            List<String> placeholders = t.columns().stream().map(c -> dialect.placeholder(c.type())).toList();
            return dialect.upsert(t.name(), columns, placeholders, t.key());
        }).toList();
    }

    /** Writes and commits one page; returns the rows written over all tables. */
    long write(Connection c, MappedPage page) throws SQLException {
        c.setAutoCommit(false);
        long rows = 0;
        for (int t = 0; t < tables.size(); t++) {
            TableSpec table = tables.get(t);
            try (PreparedStatement ps = c.prepareStatement(upserts.get(t))) {
                int batched = 0;
                for (MappedRecord r : page.records()) {
                    List<Object[]> tableRows = t == 0 ? List.<Object[]>of(r.row()) : r.children().getOrDefault(table.name(), List.of());
                    for (Object[] row : tableRows) {
                        for (int i = 0; i < row.length; i++) {
                            ValueBinder.bind(ps, i + 1, row[i], table.columns().get(i).type());
                        }
                        ps.addBatch();
                        batched++;
                    }
                }
                if (batched > 0) {
                    ps.executeBatch();
                }
                rows += batched;
            }
        }
        c.commit();
        return rows;
    }
}
