package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long {@code run} on an embedded H2 file (WRITE_DELAY=0) updates the same rows over and over, a page
 * to a commit: each commit leaves a chunk behind that keeps a few live pages, and the file grows to many
 * times its data unless those chunks are rewritten while the database is open.
 */
class H2CompactionTest {

    static final int ORDERS = 10_000;
    static final int TOUCHED = 200;
    static final int PAGE = 20;
    static final int ROUNDS = 20;
    static final int CATCH_UP = 10;
    /**
     * H2 rewrites and reuses only chunks older than its retention time (45 s by default, which keeps a kill -9 from
     * losing commits): shortened here, so that a test of seconds sees what a long run sees over minutes.
     */
    static final String SHORT_RETENTION = ";RETENTION_TIME=100";
    static final long PAST_RETENTION_MILLIS = 150;

    /**
     * Rounds of updates leave chunks with few live pages; compactions rewrite them, so the chunks fill up again and
     * every order reads as last written. (How much the file itself then shrinks depends on H2 reusing the emptied
     * chunks, after its retention time: measured over a 20-minute run, see docs/operations.md.)
     */
    @Test
    void compactionsRewriteSparseChunksAndKeepEveryRow(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + SHORT_RETENTION;
        try (HikariDataSource ds = DataSources.create(url, "sa", "", 2)) {
            Random random = new Random(23);
            Map<String, String> orders = createOrders(ds, random);
            touchRounds(ds, random, ROUNDS, orders);
            Thread.sleep(PAST_RETENTION_MILLIS);
            int sparse = H2Compaction.compact(ds).orElseThrow().filledBefore();
            int filled = sparse;
            for (int i = 0; i < CATCH_UP; i++) {
                Thread.sleep(PAST_RETENTION_MILLIS);
                filled = H2Compaction.compact(ds).orElseThrow().filledAfter();
            }
            assertTrue(sparse < 60, "rounds of updates leave sparse chunks: " + sparse + " % live");
            assertTrue(filled >= 2 * sparse && filled >= 60, "compactions fill them up again: " + sparse + " % -> " + filled + " % live");
            assertEquals(orders, read(ds), "every order as last written");
        }
    }

    @Test
    void scheduledCompactionsFillTheChunksAndEndWithClose(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + SHORT_RETENTION;
        try (HikariDataSource ds = DataSources.create(url, "sa", "", 2)) {
            Random random = new Random(8);
            Map<String, String> orders = createOrders(ds, random);
            touchRounds(ds, random, ROUNDS / 2, orders);
            int sparse = fillRate(ds);
            try (H2Compaction compaction = H2Compaction.every(Duration.ofMillis(50), ds, url)) {
                assertTrue(compaction.scheduled());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (fillRate(ds) < 60 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(fillRate(ds) >= 60, "the scheduled compactions fill the chunks: " + sparse + " % -> " + fillRate(ds) + " %");
            }
            assertFalse(compactionThreadAlive(), "close() ends the compaction thread");
            assertEquals(orders, read(ds), "every order as last written");
        }
    }

    @Test
    void onlyEmbeddedFilesWhoseWriteDelayWeSetAreCompacted() {
        assertTrue(H2Compaction.applies("jdbc:h2:file:./data/x"));
        assertTrue(H2Compaction.applies("jdbc:h2:./data/x;AUTO_SERVER=TRUE"));
        assertFalse(H2Compaction.applies("jdbc:h2:file:./data/x;WRITE_DELAY=500"), "H2's background writer compacts");
        assertFalse(H2Compaction.applies("jdbc:h2:mem:x"));
        assertFalse(H2Compaction.applies("jdbc:h2:tcp://db:9092/x"));
        assertFalse(H2Compaction.applies("jdbc:postgresql://db/x"));
        try (H2Compaction off = H2Compaction.every(Duration.ZERO, null, "jdbc:h2:file:./data/x");
             H2Compaction postgres = H2Compaction.every(Duration.ofMinutes(1), null, "jdbc:postgresql://db/x")) {
            assertFalse(off.scheduled());
            assertFalse(postgres.scheduled());
        }
    }

    /** How full the chunks are now: what a compaction that finds nothing to do reports. */
    private static int fillRate(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore().getFileStore().getChunksFillRate();
        }
    }

    /** The orders, a page to a commit, as a backfill writes them; their payloads by id. */
    private static Map<String, String> createOrders(HikariDataSource ds, Random random) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id VARCHAR(20) PRIMARY KEY, updated_at BIGINT, payload VARCHAR(1000))");
            s.execute("CREATE INDEX orders_updated_at ON orders (updated_at)");
        }
        Map<String, String> orders = new HashMap<>();
        write(ds, random, IntStream.range(0, ORDERS), orders);
        return orders;
    }

    /** Each round changes 200 random orders, a page to a commit, as a scheduled run does. */
    private static void touchRounds(HikariDataSource ds, Random random, int rounds, Map<String, String> orders) throws SQLException {
        write(ds, random, random.ints(rounds * TOUCHED, 0, ORDERS), orders);
    }

    private static void write(HikariDataSource ds, Random random, IntStream ids, Map<String, String> orders) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement merge = c.prepareStatement("MERGE INTO orders VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            int[] rows = ids.toArray();
            for (int i = 0; i < rows.length; i++) {
                String id = "order-" + rows[i];
                String payload = payload(random);
                merge.setString(1, id);
                merge.setLong(2, System.nanoTime());
                merge.setString(3, payload);
                merge.addBatch();
                orders.put(id, payload);
                if ((i + 1) % PAGE == 0 || i == rows.length - 1) {
                    merge.executeBatch();
                    c.commit();
                }
            }
        }
    }

    /** About 200 characters of random text (not compressible). */
    private static String payload(Random random) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 200) {
            sb.append(Long.toString(random.nextLong(), 36));
        }
        return sb.toString();
    }

    private static Map<String, String> read(HikariDataSource ds) throws SQLException {
        Map<String, String> orders = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, payload FROM orders")) {
            while (rs.next()) {
                orders.put(rs.getString(1), rs.getString(2));
            }
        }
        return orders;
    }

    private static boolean compactionThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("centra-sync-h2-compaction") && t.isAlive());
    }
}
