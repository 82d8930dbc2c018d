package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.run.SyncRun;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicBoolean;

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
        int orders = 12 * size + 30;
        try (SyncHarness h = new SyncHarness(orders, "mappings/default")) {
            h.set("centra.prefetch", Boolean.toString(prefetch));
            try (SyncApplication app = h.app()) {
                AtomicBoolean failed = new AtomicBoolean();
                AtomicBoolean truncated = new AtomicBoolean();
                AdviceWith.adviceWith(app.context(), "centra-orders", a -> a.weaveById("write-page").before().process(e -> {
                    // while a write is under way the request for a later page is already out (with prefetch) or next;
                    // counted in committed pages, as pages that wait are written together (up to 3 at once)
                    int committed = e.getVariable("run", SyncRun.class).pagesThisRun();
                    if (committed >= 1 && failed.compareAndSet(false, true)) {
                        h.simulator.faults().failNext(1, 503);
                    } else if (committed >= 4 && truncated.compareAndSet(false, true)) {
                        h.simulator.faults().truncateNext(1); // at most 11 of 13 pages are fetched or asked for: a request is still to come
                    }
                }));
                SyncApplication.RunResult result = app.runOnce("orders", false);
                assertNull(result.error());
                assertEquals(orders, result.run().records());
                assertEquals(orders, result.run().written());
                assertEquals(13, result.run().pagesThisRun());
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
