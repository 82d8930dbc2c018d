package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.PurchaseOrderDeliveryStatus;
import io.centrasync.simulator.SimPurchaseOrderDelivery;
import io.centrasync.simulator.SimStock;
import io.centrasync.simulator.SimStore;
import io.centrasync.simulator.SimulatorConfig;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stock snapshots, purchase orders and supplier deliveries, compared row by row with the simulator, on H2 and PostgreSQL. */
class InventoryAndIndeliveriesEndToEndTest {


    /** An inventory run that fails right after the write that brought it to {@code page} pages (see CrashAfterPages). */
    private static void inventoryRunFailingAfterPage(SyncHarness h, int page) throws Exception {
        try (SyncApplication app = h.app()) {
            CrashAfterPages.install(app, "inventory", page, "killed after snapshot page " + page);
            assertNotNull(app.runOnce("inventory", false).error());
        }
    }


    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void stockSnapshotsFollowCentraIncludingRemovedRows(TestDatabase.Kind kind) {
        try (SyncHarness h = new SyncHarness(10, "mappings/default", kind.open())) {
            assertNull(h.sync("inventory", false).error());
            Expected.assertStockEqualsSource(h);
            long before = h.count("stock");

            String syncedAt = "SELECT warehouse_id, product_size_id, physical_quantity, _synced_at FROM stock";
            TreeSet<String> firstRows = Expected.rows(h.query(syncedAt), "warehouse_id", "product_size_id", "physical_quantity",
                    "_synced_at");

            SimStore store = h.simulator.store();
            store.changeStock(25);
            SimStock gone = store.stock().get(3);
            assertTrue(store.removeStock(gone.warehouseId(), gone.productSizeId()));
            SyncApplication.RunResult second = h.sync("inventory", false);
            assertNull(second.error());
            assertEquals(before - 1, h.count("stock"));
            long written = second.run().written();
            assertTrue(written >= 20 && written <= 25, "changed rows: " + written);
            assertEquals(before - 1 - written, second.run().unchanged(), "every other row is counted unchanged");
            Expected.assertStockEqualsSource(h);
            // publishing copies only what changed: the unchanged rows are the same rows, written at the first sync
            TreeSet<String> kept = Expected.rows(h.query(syncedAt), "warehouse_id", "product_size_id", "physical_quantity",
                    "_synced_at");
            kept.retainAll(firstRows);
            assertEquals(before - 1 - written, kept.size(), "unchanged rows keep their _synced_at");
            assertEquals(0, h.count("_stage_stock"), "staging is emptied once published");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aSnapshotKilledMidwayLeavesThePreviousSnapshotIntact(TestDatabase.Kind kind) throws Exception {
        try (SyncHarness h = new SyncHarness(10, "mappings/default", kind.open())) {
            assertNull(h.sync("inventory", false).error());
            TreeSet<String> previous = Expected.rows(h.query("SELECT * FROM stock"), Expected.STOCK_COLUMNS);

            SimStore store = h.simulator.store();
            store.changeStock(40);
            SimStock gone = store.stock().get(0);
            store.removeStock(gone.warehouseId(), gone.productSizeId());
            inventoryRunFailingAfterPage(h, 1);
            assertEquals(previous, Expected.rows(h.query("SELECT * FROM stock"), Expected.STOCK_COLUMNS),
                    "readers still see the last complete snapshot");

            SyncApplication.RunResult resumed = h.sync("inventory", false);
            assertNull(resumed.error());
            assertTrue(resumed.run().resumed());
            Expected.assertStockEqualsSource(h);
        }
    }

    /**
     * The first snapshot has no previous one to keep, so it is not staged: its pages go straight into the
     * empty table (an initial load writes each row once), a crash keeps the pages committed so far, and the
     * rerun resumes after them. Every later snapshot is staged (the tests above).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aFirstSnapshotGoesStraightIntoTheEmptyTableAndResumesThere(TestDatabase.Kind kind) throws Exception {
        // 1,100 sizes: each request reads a page of 200 per warehouse, so this store takes six pages, of which
        // 2 to 4 are committed when the run fails
        CentraSimulator simulator = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(0)
                .withProductSizes(1100).withToken(SyncHarness.TOKEN));
        try (SyncHarness h = new SyncHarness(simulator, kind.open(), "mappings/default")) {
            int total = simulator.store().stock().size();
            inventoryRunFailingAfterPage(h, 2);
            long committed = h.count("stock");
            assertTrue(committed > 0 && committed < total, "the committed pages are in the table itself: " + committed);
            assertEquals(0, h.count("_stage_stock"), "a first snapshot stages nothing");

            SyncApplication.RunResult resumed = h.sync("inventory", false);
            assertNull(resumed.error());
            assertTrue(resumed.run().resumed());
            assertEquals(total - committed, resumed.run().written(), "the resumed run writes the rest");
            Expected.assertStockEqualsSource(h);
            assertEquals(0, h.count("_stage_stock"));
        }
    }

    /**
     * An entity that never completed a run but whose table holds rows (filled by hand, or its sync_state
     * reset) is staged like any later snapshot, so rows Centra does not have are removed.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aFirstSnapshotIntoATableThatHoldsRowsIsStaged(TestDatabase.Kind kind) throws Exception {
        try (SyncHarness h = new SyncHarness(10, "mappings/default", kind.open())) {
            h.app().close(); // creates the tables
            h.database.execute("INSERT INTO stock (warehouse_id, product_size_id, physical_quantity) VALUES (999999, 999999, 1)");
            SyncApplication.RunResult first = h.sync("inventory", false);
            assertNull(first.error());
            Expected.assertStockEqualsSource(h);
            assertEquals(List.of(), h.query("SELECT * FROM stock WHERE warehouse_id = 999999"), "the row Centra does not have is gone");
        }
    }

    /**
     * A snapshot entity with child rows (purchase orders read whole, without their incremental block):
     * the children are staged with their parents and published with them, also after a change.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aSnapshotWithChildRowsPublishesParentsAndChildren(TestDatabase.Kind kind, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path mappings = ValidateCommandTest.copy(java.nio.file.Path.of("mappings/default"), dir.resolve("m"));
        java.nio.file.Path query = mappings.resolve("purchase_orders.graphql");
        java.nio.file.Files.writeString(query, java.nio.file.Files.readString(query)
                .replace(", $updatedSince: DateTimeTz!", "").replace("    where: {updatedAt: {from: $updatedSince}}\n", ""));
        java.nio.file.Path yaml = mappings.resolve("purchase_orders.yaml");
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml)
                .replaceAll("  incremental:\n(    .*\n)+", ""));
        try (SyncHarness h = new SyncHarness(10, mappings.toString(), kind.open())) {
            SimStore store = h.simulator.store();
            SyncApplication.RunResult first = h.sync("purchase_orders", false);
            assertNull(first.error());
            assertEquals(store.purchaseOrders().size(), first.run().written());
            Expected.assertPurchaseOrdersEqualSource(h);

            store.touchPurchaseOrders(3);
            SyncApplication.RunResult second = h.sync("purchase_orders", false);
            assertNull(second.error());
            assertEquals(3, second.run().written(), "the touched purchase orders, and only they, are copied in");
            assertEquals(store.purchaseOrders().size(), second.run().written() + second.run().unchanged());
            Expected.assertPurchaseOrdersEqualSource(h);
            assertEquals(0, h.count("_stage_purchase_orders") + h.count("_stage_purchase_order_lines"), "staging is emptied once published");
        }
    }


    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void purchaseOrdersAndDeliveriesIncludingStatusChangesWithoutUpdatedAt(TestDatabase.Kind kind,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // rechecks in batches of 3, so the re-read takes several requests
        java.nio.file.Path mappings = ValidateCommandTest.copy(java.nio.file.Path.of("mappings/default"), dir.resolve("m"));
        java.nio.file.Path deliveries = mappings.resolve("purchase_order_deliveries.yaml");
        java.nio.file.Files.writeString(deliveries, java.nio.file.Files.readString(deliveries).replace("    batch: 100\n", "    batch: 3\n"));
        try (SyncHarness h = new SyncHarness(10, mappings.toString(), kind.open())) {
            assertNull(h.sync("purchase_orders", false).error());
            SyncApplication.RunResult backfill = h.sync("purchase_order_deliveries", false);
            assertNull(backfill.error());
            Expected.assertIndeliveriesEqualSource(h);
            SimStore store = h.simulator.store();
            assertTrue(store.purchaseOrderDeliveries().stream().filter(d -> d.status() != PurchaseOrderDeliveryStatus.ACCEPTED).count() > 6,
                    "fixture has enough deliveries that are not final yet for several recheck requests");
            // every row was just read by the backfill itself: none is read again by id (a recheck adds its records)
            assertEquals(store.purchaseOrderDeliveries().size(), backfill.run().records(), "records read by the backfill");

            // an old delivery (created long before the watermark, so only the recheck reads it again) is
            // accepted, which moves no timestamp; a new one arrives; purchase orders change
            Object stored = h.query("SELECT watermark FROM sync_state WHERE entity = 'purchase_order_deliveries'").get(0).get("watermark");
            // H2 reads a TIMESTAMP WITH TIME ZONE back as OffsetDateTime, the PostgreSQL driver as Timestamp
            java.time.Instant watermark = stored instanceof java.time.OffsetDateTime t ? t.toInstant() : ((java.sql.Timestamp) stored).toInstant();
            SimPurchaseOrderDelivery pending = store.purchaseOrderDeliveries().stream()
                    .filter(d -> d.status() != PurchaseOrderDeliveryStatus.ACCEPTED)
                    .filter(d -> d.createdAt().isBefore(watermark.minus(java.time.Duration.ofDays(1)))).findFirst().orElseThrow();
            store.setDeliveryStatus(pending.id(), PurchaseOrderDeliveryStatus.ACCEPTED);
            store.addDelivery(store.purchaseOrders().get(0).id());
            store.touchPurchaseOrders(5);

            assertNull(h.sync("purchase_orders", false).error());
            SyncApplication.RunResult rechecked = h.sync("purchase_order_deliveries", false);
            assertNull(rechecked.error());
            Expected.assertIndeliveriesEqualSource(h);
            List<Object> status = h.query("SELECT status FROM purchase_order_deliveries WHERE id = " + pending.id()).stream()
                    .map(r -> r.get("status")).toList();
            assertEquals(List.of("ACCEPTED"), status);

            // a full re-read sees every delivery, the ones not yet final included: it re-reads none of them by id
            SimPurchaseOrderDelivery another = store.purchaseOrderDeliveries().stream()
                    .filter(d -> d.status() != PurchaseOrderDeliveryStatus.ACCEPTED).findFirst().orElseThrow();
            store.setDeliveryStatus(another.id(), PurchaseOrderDeliveryStatus.ACCEPTED);
            SyncApplication.RunResult full = h.sync("purchase_order_deliveries", true);
            assertNull(full.error());
            assertEquals(store.purchaseOrderDeliveries().size(), full.run().records(), "records read by the full run");
            assertNull(h.sync("purchase_orders", false).error()); // the delivery moved its purchase order along
            Expected.assertIndeliveriesEqualSource(h);
        }
    }
}
