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
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long {@code run} on an embedded H2 file (WRITE_DELAY=0) updates the same rows over and over, a page
 * to a commit: the file grows to many times its data unless it is compacted while the process lives.
 */
class H2CompactionTest {

    static final int ORDERS = 10_000;
    static final int TOUCHED = 200;
    static final int PAGE = 20;
    static final int ROUNDS = 20;
    static final double GROWTH = 4;

    @Test
    void aFileGrownPastItsDataIsCompactedAndKeepsEveryRow(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        try (HikariDataSource pool = DataSources.create(url, "sa", "", 2);
             H2Compaction compaction = H2Compaction.every(Duration.ofHours(1), GROWTH, pool, url)) {
            DataSource ds = compaction.guard(pool);
            Random random = new Random(23);
            Map<String, String> orders = createOrders(ds, random);
            touchRounds(ds, random, ROUNDS, orders);
            H2Compaction.FileUse grown = H2Compaction.FileUse.of(pool);
            assertTrue(grown.size() > GROWTH * grown.live(), "rounds of updates grow the file past its data: " + grown);

            H2Compaction.Sizes sizes = compaction.compactIfGrown().orElseThrow();
            assertEquals(grown.size(), sizes.before());
            assertTrue(sizes.after() < sizes.before() / 2 && sizes.after() <= 2 * grown.live(),
                    "the file shrinks to about its data: " + sizes);
            assertEquals(orders, read(ds), "every order as last written");
            assertEquals(Optional.empty(), compaction.compactIfGrown(), "a compact file is left alone");
            touchRounds(ds, random, 1, orders);
            assertEquals(orders, read(ds), "the pool writes to the compacted file");
        }
    }

    @Test
    void aConnectionOutPostponesTheCompaction(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        try (HikariDataSource pool = DataSources.create(url, "sa", "", 2);
             H2Compaction compaction = H2Compaction.every(Duration.ofHours(1), 1, pool, url)) {
            DataSource ds = compaction.guard(pool);
            Random random = new Random(5);
            Map<String, String> orders = createOrders(ds, random);
            touchRounds(ds, random, 2, orders);
            try (Connection inUse = ds.getConnection(); Statement s = inUse.createStatement()) {
                inUse.setAutoCommit(false);
                s.executeUpdate("UPDATE orders SET payload = 'uncommitted' WHERE id = 'order-1'");
                assertEquals(Optional.empty(), compaction.compactIfGrown(), "not while a connection is out");
                inUse.commit();
                orders.put("order-1", "uncommitted");
            }
            assertTrue(compaction.compactIfGrown().isPresent(), "once it is back");
            assertEquals(orders, read(ds));
        }
    }

    /**
     * A writer keeps committing pages through the guarded pool while compactions run as often as they can: every
     * write waits for a compaction in progress instead of failing on the closed database, and nothing is lost.
     */
    @Test
    void writesWaitForCompactionsAndNeverFail(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        try (HikariDataSource pool = DataSources.create(url, "sa", "", 3)) {
            Random random = new Random(11);
            Map<String, String> orders;
            int compactions;
            try (H2Compaction compaction = H2Compaction.every(Duration.ofMillis(1), 1, pool, url)) {
                assertTrue(compaction.scheduled());
                DataSource ds = compaction.guard(pool);
                orders = createOrders(ds, random);
                touchRounds(ds, random, ROUNDS, orders);
                compactions = compaction.compactions();
                assertEquals(orders, read(ds), "every order as last written");
            }
            assertFalse(compactionThreadAlive(), "close() ends the compaction thread");
            assertTrue(compactions > 0, "the database was compacted while the writes went on");
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
    }

    @Test
    void offWhenTheIntervalIsZero(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        try (HikariDataSource pool = DataSources.create(url, "sa", "", 1);
             H2Compaction off = H2Compaction.every(Duration.ZERO, GROWTH, pool, url)) {
            assertFalse(off.scheduled());
            assertSame(pool, off.guard(pool), "connections are not counted when nothing compacts");
        }
    }

    /** The orders, a page to a commit, as a backfill writes them; their payloads by id. */
    private static Map<String, String> createOrders(DataSource ds, Random random) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id VARCHAR(20) PRIMARY KEY, updated_at BIGINT, payload VARCHAR(1000))");
            s.execute("CREATE INDEX orders_updated_at ON orders (updated_at)");
        }
        Map<String, String> orders = new HashMap<>();
        write(ds, random, IntStream.range(0, ORDERS), orders);
        return orders;
    }

    /** Each round changes 200 random orders, a page to a commit, as a scheduled run does. */
    private static void touchRounds(DataSource ds, Random random, int rounds, Map<String, String> orders) throws SQLException {
        write(ds, random, random.ints(rounds * TOUCHED, 0, ORDERS), orders);
    }

    private static void write(DataSource ds, Random random, IntStream ids, Map<String, String> orders) throws SQLException {
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

    private static Map<String, String> read(DataSource ds) throws SQLException {
        Map<String, String> orders = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, payload FROM orders")) {
            while (rs.next()) {
                orders.put(rs.getString(1), rs.getString(2));
            }
        }
        return orders;
    }

    static boolean compactionThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("centra-sync-h2-compaction") && t.isAlive());
    }
}
