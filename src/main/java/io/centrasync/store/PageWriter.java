package io.centrasync.store;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappedRecord;
import io.centrasync.mapping.RowHasher;
import io.centrasync.mapping.TableSpec;
import io.centrasync.run.DeadLetter;
import io.centrasync.run.MappedPage;
import io.centrasync.run.SyncRun;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Writes one mapped page in ONE transaction: the changed records' root rows (upsert by key), their
 * child rows (delete by parent key, then insert, so removed lines disappear), the page's dead
 * letters, and the run's checkpoint. Either all of it commits or none of it, so a crash or retry at
 * any point converges: nothing lost, nothing doubled. A page may hold several Centra pages that were
 * already waiting when the loop came for the next ({@link MappedPage#pages}): one commit covers them all.
 * Records the database refuses (a key twice, a value too large) become dead letters, the rest commits.
 */
public final class PageWriter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageWriter.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Checkpoints checkpoints;
    private final DeadLetters deadLetters;
    private final OutageRetry outages;
    private final Map<Target, List<TableStatements>> statements = new ConcurrentHashMap<>();
    /** PostgreSQL's set-based path for live tables; null on H2 */
    private final PostgresBulkWriter bulk;

    public PageWriter(DataSource dataSource, Dialect dialect, Checkpoints checkpoints, DeadLetters deadLetters) {
        this(dataSource, dialect, checkpoints, deadLetters, OutageRetry.none());
    }

    /** {@code outages} repeats a page whose transaction failed because the database was unreachable. */
    public PageWriter(DataSource dataSource, Dialect dialect, Checkpoints checkpoints, DeadLetters deadLetters, OutageRetry outages) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.outages = outages;
        this.bulk = dialect instanceof PostgresDialect ? new PostgresBulkWriter(dialect) : null;
    }

    /** Writes the page and moves the run past it. */
    public void write(SyncRun run, MappedPage page) {
        // a database outage repeats the whole transaction (see OutageRetry): nothing of a failed attempt stays
        Committed committed = outages.call(run.entity() + " page " + (run.pages() + 1), () -> commitPage(run, page));
        run.pagesCommitted(page.pages(), page.nextCursor(), page.hasNext(), page.maxSeen(), page.size(), committed.written.changed(),
                committed.written.unchanged(), page.deadLetters().size() + committed.refused);
        LOG.debug("{}: page {} committed, {} records in this run", run.entity(), run.pages(), run.records());
    }

    /** What a page's transaction wrote, and how many of its records the database refused (now dead letters). */
    private record Committed(Written written, int refused) {
    }

    /** The page's one transaction: rows, dead letters and checkpoint. */
    private Committed commitPage(SyncRun run, MappedPage page) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // a snapshot is staged until it is complete (see SnapshotTables); its counts are the publication's
                Destination destination = !SnapshotTables.isSnapshot(run.mapping()) ? Destination.LIVE
                        : run.staged() ? Destination.STAGE : Destination.FIRST_SNAPSHOT;
                RefusedRecords.Outcome outcome = writeRefusingRecords(c, run, page, destination);
                Written written = destination == Destination.STAGE ? new Written(0, 0) : outcome.written();
                List<DeadLetter> letters = outcome.deadLetters().isEmpty() ? page.deadLetters()
                        : concat(page.deadLetters(), outcome.deadLetters());
                deadLetters.write(c, run.entity(), run.runId(), letters);
                if (run.mayHaveDeadLetters() || !letters.isEmpty()) {
                    deadLetters.resolve(c, run.entity(), outcome.accepted().stream().map(MappedRecord::key).toList());
                }
                checkpoints.recordPage(c, run, page.nextCursor(), run.pages() + page.pages(), run.records() + page.size(),
                        SyncRun.later(run.maxSeen(), page.maxSeen()));
                c.commit();
                return new Committed(written, outcome.deadLetters().size());
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new SinkException(run.entity() + ": page " + (run.pages() + 1) + " was not written (nothing of it committed): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the page's records; when the database refuses the page for the values of some of them, writes it
     * again without those (see {@link RefusedRecords}), which become dead letters instead of failing every run.
     */
    private RefusedRecords.Outcome writeRefusingRecords(Connection c, SyncRun run, MappedPage page, Destination destination)
            throws SQLException {
        try {
            return new RefusedRecords.Outcome(writeRecords(c, run.mapping(), page.records(), destination), List.of(), page.records());
        } catch (SQLException e) {
            if (!SqlFailures.isRejectedValue(e)) {
                throw e;
            }
            c.rollback(); // nothing else was written yet; on PostgreSQL the failed transaction takes nothing more
            RefusedRecords.Outcome outcome = RefusedRecords.isolate(c, page.records(),
                    records -> writeRecords(c, run.mapping(), records, destination, false));
            if (!outcome.deadLetters().isEmpty()) {
                LOG.warn("{}: {} record(s) of page {} kept as dead letters (dlq list; dlq replay once fixed), the first as {}",
                        run.entity(), outcome.deadLetters().size(), run.pages() + 1, outcome.deadLetters().get(0).reason());
            }
            return outcome;
        }
    }

    private static List<DeadLetter> concat(List<DeadLetter> a, List<DeadLetter> b) {
        List<DeadLetter> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** How many of the records differed from what the table held, and how many did not. */
    public record Written(int changed, int unchanged) {
    }

    /** Where a page's rows go. */
    public enum Destination {
        /** the live tables, skipping records whose stored hash is unchanged */
        LIVE(false, true),
        /** the live tables of an entity's first snapshot (see SnapshotTables): empty at the start, so nothing to compare */
        FIRST_SNAPSHOT(false, false),
        /** a snapshot's staging tables, compared with the live ones only when published */
        STAGE(true, false);

        final boolean staging;
        /** whether to look up the stored hashes: only a live table holds rows that may be unchanged */
        final boolean compareHashes;

        Destination(boolean staging, boolean compareHashes) {
            this.staging = staging;
            this.compareHashes = compareHashes;
        }
    }

    /**
     * Upserts the records' root rows and replaces their child rows, on the caller's connection and
     * transaction, into the live tables or the staging tables of a snapshot ({@code destination}).
     * Records whose content hash equals the one stored there are skipped (live tables; see below for the others).
     */
    public Written writeRecords(Connection c, EntityMapping mapping, List<MappedRecord> records, Destination destination)
            throws SQLException {
        return writeRecords(c, mapping, records, destination, true);
    }

    /**
     * {@code setBased}: PostgreSQL's COPY path where usable. Not while finding refused records: its temporary table
     * keeps the rows of every savepoint until the commit.
     */
    private Written writeRecords(Connection c, EntityMapping mapping, List<MappedRecord> records, Destination destination,
                                 boolean setBased) throws SQLException {
        boolean staged = destination.staging;
        List<TableStatements> tables = statements.computeIfAbsent(new Target(mapping, staged),
                t -> mapping.tables().stream().map(spec -> new TableStatements(spec, dialect,
                        staged ? SnapshotTables.stageName(spec.name()) : spec.name())).toList());
        TableStatements root = tables.get(0);
        Map<String, MappedRecord> byKey = new LinkedHashMap<>();
        for (MappedRecord r : records) {
            byKey.put(keyString(r.row(), root.keyPositions), r); // a record listed twice: the later copy wins
        }
        if (setBased && bulk != null && bulk.usable(c)) {
            return bulk.write(c, tables, byKey.values());
        }
        // staging and a first snapshot are upserted whole: looking a page's keys up there costs more than writing
        // them again (H2 plans a composite key list poorly); a staged snapshot's changes are counted when published
        Map<String, String> stored = destination.compareHashes ? storedHashes(c, root, byKey.values()) : null;
        List<MappedRecord> toWrite = new ArrayList<>();
        for (Map.Entry<String, MappedRecord> e : byKey.entrySet()) {
            if (stored == null || !e.getValue().hash().equals(stored.get(e.getKey()))) {
                toWrite.add(e.getValue());
            }
        }
        if (!toWrite.isEmpty()) {
            upsertRoots(c, root, toWrite);
            for (TableStatements child : tables.subList(1, tables.size())) {
                replaceChildren(c, root, child, toWrite);
            }
        }
        return new Written(toWrite.size(), byKey.size() - toWrite.size());
    }

    /** Statements are built once per mapping and destination (live or staging tables). */
    private record Target(EntityMapping mapping, boolean staged) {
    }

    /** A broken connection cannot roll back either: keep the original failure, which says why. */
    static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private Map<String, String> storedHashes(Connection c, TableStatements root, java.util.Collection<MappedRecord> records)
            throws SQLException {
        Map<String, String> stored = new HashMap<>();
        if (records.isEmpty()) {
            return stored;
        }
        String head = "SELECT " + String.join(", ", root.keyColumns) + ", " + SchemaManager.ROW_HASH + " FROM " + root.target;
        try (PreparedStatement ps = root.whereKeys(c, dialect, head, rows(records), root)) {
            try (ResultSet rs = ps.executeQuery()) {
                int n = root.keyColumns.size();
                while (rs.next()) {
                    Object[] key = new Object[n];
                    for (int k = 0; k < n; k++) {
                        key[k] = ValueBinder.read(rs, k + 1, root.types[root.keyPositions[k]]);
                    }
                    stored.put(keyString(key, null), rs.getString(n + 1));
                }
            }
        }
        return stored;
    }

    private static void upsertRoots(Connection c, TableStatements root, List<MappedRecord> records) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        writeRows(c, root, records.size(), (ps, p, i) -> {
            int next = bindRow(ps, p, records.get(i).row(), root.types);
            ps.setObject(next++, now);
            ps.setString(next++, records.get(i).hash());
            return next;
        });
    }

    /**
     * Deletes the child rows of all {@code parents}, then inserts theirs. Every parent, not only those whose root
     * row existed: child rows whose root row is gone (deleted by hand, a retention job) would otherwise collide.
     */
    private void replaceChildren(Connection c, TableStatements root, TableStatements child, List<MappedRecord> parents)
            throws SQLException {
        TableSpec spec = child.table;
        try (PreparedStatement delete = child.whereKeys(c, dialect, "DELETE FROM " + child.target, rows(parents), root)) {
            delete.executeUpdate();
        }
        List<Object[]> rows = new ArrayList<>();
        for (MappedRecord r : parents) {
            rows.addAll(r.children().getOrDefault(spec.name(), List.of()));
        }
        writeRows(c, child, rows.size(), (ps, p, i) -> bindRow(ps, p, rows.get(i), child.types));
    }

    /** Binds row {@code i} from parameter {@code p} on; returns the parameter after it. */
    private interface RowBinder {
        int bind(PreparedStatement ps, int p, int i) throws SQLException;
    }

    /**
     * Writes {@code count} rows in one JDBC batch of statements of {@link TableStatements#rowsPerStatement}
     * rows each, and the rest in a batch of one-row statements: two statement texts per table, whatever the page.
     */
    private static void writeRows(Connection c, TableStatements t, int count, RowBinder row) throws SQLException {
        int whole = count - count % t.rowsPerStatement;
        if (whole > 0) {
            try (PreparedStatement ps = c.prepareStatement(t.writeMany)) {
                for (int start = 0; start < whole; start += t.rowsPerStatement) {
                    int p = 1;
                    for (int i = start; i < start + t.rowsPerStatement; i++) {
                        p = row.bind(ps, p, i);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (whole < count) {
            try (PreparedStatement ps = c.prepareStatement(t.writeOne)) {
                for (int i = whole; i < count; i++) {
                    row.bind(ps, 1, i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static List<Object[]> rows(java.util.Collection<MappedRecord> records) {
        return records.stream().map(MappedRecord::row).toList();
    }

    /** Binds the row's values from parameter {@code p} on; returns the parameter after them. */
    private static int bindRow(PreparedStatement ps, int p, Object[] row, io.centrasync.mapping.ColumnType[] types) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            ValueBinder.bind(ps, p++, row[i], types[i]);
        }
        return p;
    }

    /** One text per key, the same whether the values come from the mapper or back from the database. */
    static String keyString(Object[] values, int[] positions) {
        StringJoiner joiner = new StringJoiner("\u0000");
        int n = positions == null ? values.length : positions.length;
        for (int i = 0; i < n; i++) {
            Object v = values[positions == null ? i : positions[i]];
            joiner.add(v == null ? "" : keyPart(v));
        }
        return joiner.toString();
    }

    private static String keyPart(Object v) {
        if (v instanceof Number n && !(v instanceof java.math.BigDecimal)) {
            return Long.toString(n.longValue());
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        return RowHasher.canonical(v);
    }
}
