package io.centrasync.store;

import io.centrasync.mapping.MappedRecord;
import io.centrasync.run.DeadLetter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the records of a page that the database refuses (a line id twice in one order, a number too large for
 * its column, a key too long to index): writes the page again in halves, each under a savepoint, down to the
 * single records it refuses. Those become dead letters with the database's reason; all the others are written,
 * in page order, so the later copy of a record listed twice still wins. With k refused records among n this
 * costs about 2k·log2(n) extra writes, only on a page the database refused as a whole.
 */
final class RefusedRecords {

    /** Writes some of the page's records on the page's transaction. */
    interface Writer {
        PageWriter.Written write(List<MappedRecord> records) throws SQLException;
    }

    /** What was written, the dead letters of the refused records, and the records that were written. */
    record Outcome(PageWriter.Written written, List<DeadLetter> deadLetters, List<MappedRecord> accepted) {
    }

    private final Connection connection;
    private final Writer writer;
    private final List<DeadLetter> refused = new ArrayList<>();
    private final Set<String> refusedKeys = new HashSet<>();
    private int changed;
    private int unchanged;

    private RefusedRecords(Connection connection, Writer writer) {
        this.connection = connection;
        this.writer = writer;
    }

    /** Writes {@code records} apart from those the database refuses, on {@code connection}'s open transaction. */
    static Outcome isolate(Connection connection, List<MappedRecord> records, Writer writer) throws SQLException {
        RefusedRecords isolation = new RefusedRecords(connection, writer);
        isolation.write(records);
        List<MappedRecord> accepted = records.stream().filter(r -> !isolation.refusedKeys.contains(r.key())).toList();
        return new Outcome(new PageWriter.Written(isolation.changed, isolation.unchanged), List.copyOf(isolation.refused), accepted);
    }

    private void write(List<MappedRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        Savepoint before = connection.setSavepoint();
        try {
            PageWriter.Written written = writer.write(records);
            connection.releaseSavepoint(before);
            changed += written.changed();
            unchanged += written.unchanged();
        } catch (SQLException e) {
            if (!SqlFailures.isRejectedValue(e)) {
                throw e;
            }
            connection.rollback(before);
            if (records.size() == 1) {
                refuse(records.get(0), e);
                return;
            }
            int half = records.size() / 2;
            write(records.subList(0, half));
            write(records.subList(half, records.size()));
        }
    }

    private void refuse(MappedRecord record, SQLException e) {
        refusedKeys.add(record.key());
        String payload = record.source() == null ? "" : record.source().toString();
        refused.add(new DeadLetter(record.key(), SqlFailures.refusal(e), payload));
    }
}
