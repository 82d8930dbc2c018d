package io.centrasync.it;

import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Inventory's history: a copy of the published stock table per period, old copies removed. */
class StockHistoryTest {

    static final String LATEST = "SELECT warehouse_id, product_size_id, physical_quantity FROM stock_history"
            + " WHERE snapshot_at = (SELECT MAX(snapshot_at) FROM stock_history)";

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void everySnapshotIsCopiedAndOldCopiesGo(TestDatabase.Kind kind, @TempDir Path dir) throws IOException {
        Path mappings = withHistory(dir, "every: PT0S", "keep: P1D");
        try (SyncHarness h = new SyncHarness(10, mappings.toString(), kind.open())) {
            assertNull(h.sync("inventory", false).error());
            assertEquals(h.count("stock"), h.count("stock_history"), "the first snapshot, copied whole");
            assertEquals(1, snapshots(h));

            h.simulator.store().changeStock(25);
            assertNull(h.sync("inventory", false).error());
            assertEquals(2, snapshots(h));
            assertEquals(rows(h, "SELECT warehouse_id, product_size_id, physical_quantity FROM stock"), rows(h, LATEST),
                    "the latest copy is the published table");

            // the first copy, two days old now: past keep (P1D), so the next run removes it
            h.database.execute("UPDATE stock_history SET snapshot_at = snapshot_at - INTERVAL '2' DAY"
                    + " WHERE snapshot_at = (SELECT MIN(snapshot_at) FROM stock_history)");
            assertNull(h.sync("inventory", false).error());
            assertEquals(2, snapshots(h), "a third copy, the first removed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void theDefaultMappingCopiesOnceADay(TestDatabase.Kind kind) {
        try (SyncHarness h = new SyncHarness(10, "mappings/default", kind.open())) {
            assertNull(h.sync("inventory", false).error());
            h.simulator.store().changeStock(5);
            assertNull(h.sync("inventory", false).error());
            assertEquals(1, snapshots(h), "within a day: one copy");
            assertEquals(h.count("stock"), h.count("stock_history"));
        }
    }

    private static long snapshots(SyncHarness h) {
        return ((Number) h.query("SELECT COUNT(DISTINCT snapshot_at) AS n FROM stock_history").get(0).get("n")).longValue();
    }

    private static TreeSet<String> rows(SyncHarness h, String sql) {
        return Expected.rows(h.query(sql), "warehouse_id", "product_size_id", "physical_quantity");
    }

    /** The default mappings, inventory's history set to these lines. */
    private static Path withHistory(Path dir, String every, String keep) throws IOException {
        Path mappings = Files.createDirectories(dir.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("mappings/default"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mappings.resolve(f.getFileName()));
            }
        }
        Path inventory = mappings.resolve("inventory.yaml");
        String yaml = Files.readString(inventory).replace("  every: P1D", "  " + every).replace("  keep: P400D", "  " + keep);
        Files.writeString(inventory, yaml);
        return mappings;
    }
}
