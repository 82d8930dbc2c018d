package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders changed and added while a backfill pages through them: nothing at a page boundary is
 * skipped, and whatever the backfill could not see is picked up by the next incremental run.
 */
class PagingUnderChangeTest {

    @Test
    void changesDuringABackfillArePickedUpByTheNextRunAtTheLatest(@TempDir Path dir) throws Exception {
        Path mappings = SmallPages.ordersMapping(dir, 50);
        // no lookback: only the watermark rule (never past the run's start) can bring the missed changes
        Path orders = mappings.resolve("orders.yaml");
        java.nio.file.Files.writeString(orders, java.nio.file.Files.readString(orders).replaceFirst("lookback: PT\\w+", "lookback: PT0S"));
        try (SyncHarness h = new SyncHarness(600, mappings.toString())) {
            try (SyncApplication app = h.app()) {
                AtomicInteger pages = new AtomicInteger();
                AdviceWith.adviceWith(app.context(), "centra-orders", a -> a.weaveById("write-page").after().process(e -> {
                    // between writes (a write may hold several pages): orders on pages already read and still to come change, new ones arrive
                    if (pages.incrementAndGet() % 3 == 0) {
                        h.simulator.store().touchOrders(15);
                        h.simulator.store().addOrders(4);
                    }
                }));
                SyncApplication.RunResult backfill = app.runOnce("orders", false);
                assertNull(backfill.error());
                assertTrue(backfill.run().pagesThisRun() >= 12, "a backfill of many pages: " + backfill.run().pagesThisRun());
            }
            // every order that existed unchanged through the backfill is there already; the next run
            // (from the watermark, which never passed the backfill's start) brings the rest
            assertNull(h.sync("orders", false).error());
            Expected.assertDatabaseEqualsSource(h);
        }
    }
}
