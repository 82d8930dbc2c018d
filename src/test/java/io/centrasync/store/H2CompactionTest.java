package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
    /** The file may be this many times the size of its data after a full compaction. */
    static final int SMALL_MULTIPLE = 3;

    @Test
    void compactingNowAndThenKeepsTheFileWithinASmallMultipleOfItsData(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        Path file = dir.resolve("db.mv.db");
        long uncompacted;
        long largestWithCompaction = 0;
        try (HikariDataSource ds = DataSources.create(url, "sa", "", 2)) {
            Random random = new Random(23);
            Map<String, String> orders = createOrders(ds, random);
            touchRounds(ds, random, ROUNDS, orders);
            uncompacted = Files.size(file);
            // catching up with all of that takes a few compactions of 200 ms (MAX_COMPACT_TIME); then one after each round
            for (int i = 0; i < CATCH_UP; i++) {
                H2Compaction.compact(ds);
            }
            for (int round = 0; round < ROUNDS; round++) {
                touchRounds(ds, random, 1, orders);
                largestWithCompaction = Math.max(largestWithCompaction, Files.size(file));
                H2Compaction.compact(ds);
            }
            assertEquals(orders, read(ds), "every order as last written");
        }
        long data = compactedSize(url, file);
        System.out.printf("H2 file: %.1f MB after %d rounds without compaction, at most %.1f MB with one after each round;"
                + " %.1f MB of data%n", uncompacted / 1e6, ROUNDS, largestWithCompaction / 1e6, data / 1e6);
        assertTrue(uncompacted > 2L * SMALL_MULTIPLE * data, "without compaction the file outgrows its data: "
                + uncompacted + " bytes for " + data);
        assertTrue(largestWithCompaction <= SMALL_MULTIPLE * data, "compacted now and then, the file stays within "
                + SMALL_MULTIPLE + "x its data: " + largestWithCompaction + " bytes for " + data);
    }

    @Test
    void scheduledCompactionShrinksTheFileAndEndsWithClose(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        Path file = dir.resolve("db.mv.db");
        try (HikariDataSource ds = DataSources.create(url, "sa", "", 2)) {
            Random random = new Random(8);
            Map<String, String> orders = createOrders(ds, random);
            touchRounds(ds, random, ROUNDS / 2, orders);
            long grown = Files.size(file);
            try (H2Compaction compaction = H2Compaction.every(Duration.ofMillis(50), ds, url)) {
                assertTrue(compaction.scheduled());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (Files.size(file) * 3 > grown && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(Files.size(file) * 3 <= grown, "the file shrinks from " + grown + " to " + Files.size(file));
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

    /** The size of the same data fully compacted ({@code SHUTDOWN COMPACT}). */
    private static long compactedSize(String url, Path file) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        return Files.size(file);
    }

    private static boolean compactionThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("centra-sync-h2-compaction") && t.isAlive());
    }
}
