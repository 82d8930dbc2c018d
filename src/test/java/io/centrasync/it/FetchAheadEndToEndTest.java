package io.centrasync.it;

import io.centrasync.app.SyncApplication;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fetching the next page while the current one is written must not change what is written: fetches
 * that fail (also while fetched ahead) are retried, and every record arrives exactly once.
 */
class FetchAheadEndToEndTest {

    @ParameterizedTest(name = "centra.prefetch={0}")
    @ValueSource(booleans = {true, false})
    void failedFetchesAreRetriedAndEveryRecordArrivesOnce(boolean prefetch) throws Exception {
        int size = DefaultMapping.pageSize();
        int orders = 6 * size + 30;
        try (SyncHarness h = new SyncHarness(orders, "mappings/default")) {
            h.set("centra.prefetch", Boolean.toString(prefetch));
            try (SyncApplication app = h.app()) {
                AtomicInteger pages = new AtomicInteger();
                AdviceWith.adviceWith(app.context(), "centra-orders", a -> a.weaveById("write-page").before().process(e -> {
                    // while page 2 is written, the request for page 3 is already out (with prefetch) or next
                    switch (pages.incrementAndGet()) {
                        case 2 -> h.simulator.faults().failNext(1, 503);
                        case 4 -> h.simulator.faults().truncateNext(1);
                        default -> { }
                    }
                }));
                SyncApplication.RunResult result = app.runOnce("orders", false);
                assertNull(result.error());
                assertEquals(orders, result.run().records());
                assertEquals(orders, result.run().written());
                assertEquals(7, result.run().pagesThisRun());
                assertTrue(h.simulator.faults().pending() == 0, "both faults were hit");
                assertEquals(1, h.simulator.maxConcurrentRequests(), "pages are fetched ahead, but one request at a time");
            }
            assertEquals(Expected.orders(h.simulator.store().orders().toList()), Expected.rows(h.query("SELECT * FROM orders"),
                    "id", "number", "store_type", "status", "created_at", "updated_at", "currency", "grand_total"));
            assertEquals(Expected.orderLines(h.simulator.store().orders().toList()), Expected.rows(h.query("SELECT * FROM order_lines"),
                    "order_id", "line_id", "sku", "ean", "quantity", "cancelled_quantity", "unit_price", "line_value"));
            assertNull(h.query("SELECT run_id FROM sync_state").get(0).get("run_id"));
        }
    }
}
