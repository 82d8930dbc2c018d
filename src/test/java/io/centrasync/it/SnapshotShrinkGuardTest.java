package io.centrasync.it;

import io.centrasync.simulator.SimStock;
import io.centrasync.simulator.SimStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot never empties a table by accident: one that would remove more than sink.snapshot-max-shrink
 * of the live rows (an empty or short answer is far likelier than a store that lost them) is not
 * published, the run fails with one line, and the next run reads a new snapshot; --allow-shrink
 * publishes it when the store really has that few.
 */
class SnapshotShrinkGuardTest {

    @Test
    void aSnapshotThatWouldRemoveMostRowsIsNotPublishedUnlessAllowed() {
        try (SyncHarness h = new SyncHarness(5, "mappings/default")) {
            Map<String, String> env = CommandLineTest.env(h);
            env.put("SINK_JDBC_URL", h.jdbcUrl);
            assertEquals(0, CommandLineTest.cli(env, "sync", "inventory").code());
            long live = h.count("stock");
            assertTrue(live > 100, "a store with stock: " + live);

            // Centra answers with half the stock rows missing
            SimStore store = h.simulator.store();
            List<SimStock> all = store.stock();
            for (SimStock s : all.subList(0, all.size() / 2)) {
                store.removeStock(s.warehouseId(), s.productSizeId());
            }
            long left = store.stock().size();
            CommandLineTest.Result refused = CommandLineTest.cli(env, "sync", "inventory");
            assertEquals(1, refused.code(), refused.all());
            List<String> failed = refused.out().lines().filter(l -> l.contains("FAILED")).toList();
            assertEquals(1, failed.size(), refused.out());
            assertTrue(failed.get(0).contains(String.format("the snapshot would shrink stock from %,d to %,d rows", live, left))
                    && failed.get(0).contains("sync inventory --allow-shrink"), failed.get(0));
            assertEquals(live, h.count("stock"), "the live table is unchanged");
            assertNull(h.query("SELECT run_id FROM sync_state WHERE entity = 'inventory'").get(0).get("run_id"),
                    "no in-flight run is kept: the next run reads a new snapshot instead of publishing this one again");

            CommandLineTest.Result allowed = CommandLineTest.cli(env, "sync", "inventory", "--allow-shrink");
            assertEquals(0, allowed.code(), allowed.all());
            assertFalse(allowed.all().contains("resuming"), allowed.all());
            Expected.assertStockEqualsSource(h);
        }
    }
}
