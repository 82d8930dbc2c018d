package io.centrasync.bench;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.run.MappedPage;
import io.centrasync.run.PageMapper;
import io.centrasync.store.Dialect;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Phase (b): how fast mapped rows can be written. Pages are fetched and mapped ahead in chunks with
 * the clock stopped, then the chunk is written with the clock running; chunks keep memory flat at 1M.
 */
final class RawWrite {

    /** Records fetched and mapped before each timed write. */
    private static final int CHUNK_RECORDS = 10_000;

    private RawWrite() {
    }

    /** Records, rows and the nanoseconds spent writing, up to about {@code limit} records (whole chunks). */
    static long[] run(PageSource source, EntityMapping mapping, DataSource dataSource, Dialect dialect, long limit, Progress progress)
            throws Exception {
        PlainJdbcWriter writer = new PlainJdbcWriter(dialect, mapping.tables());
        PageMapper mapper = new PageMapper();
        long records = 0;
        long rows = 0;
        long writeNanos = 0;
        while (source.hasNext() && records < limit) {
            List<MappedPage> chunk = new ArrayList<>();
            int chunkRecords = 0;
            while (source.hasNext() && chunkRecords < Math.min(CHUNK_RECORDS, limit - records)) {
                MappedPage page = mapper.map(source.next(), source.run());
                if (!page.deadLetters().isEmpty()) {
                    throw new IllegalStateException(page.deadLetters().size() + " records did not map: " + page.deadLetters().get(0).reason());
                }
                chunk.add(page);
                chunkRecords += page.records().size();
            }
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection()) {
                for (MappedPage page : chunk) {
                    rows += writer.write(c, page);
                }
            }
            writeNanos += System.nanoTime() - start;
            records += chunkRecords;
            progress.add(chunkRecords);
        }
        return new long[] {records, rows, writeNanos};
    }
}
