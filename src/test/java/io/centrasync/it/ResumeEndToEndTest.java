package io.centrasync.it;

import io.centrasync.app.SyncApplication;
import io.centrasync.testdb.TestDatabase;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that dies after some pages keeps them, and the next run resumes after the last committed page. */
class ResumeEndToEndTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void anInterruptedRunResumesFromItsLastCommittedPage(TestDatabase.Kind database) throws Exception {
        int size = DefaultMapping.pageSize();
        int orders = 5 * size + size / 5;
        try (SyncHarness h = new SyncHarness(orders, "mappings/default", database.open())) {
            try (SyncApplication app = h.app()) {
                AtomicInteger pages = new AtomicInteger();
                AdviceWith.adviceWith(app.context(), "centra-orders", a -> a.weaveById("write-page").after().process(e -> {
                    if (pages.incrementAndGet() == 3) {
                        throw new IllegalStateException("simulated crash after page 3 was committed");
                    }
                }));
                SyncApplication.RunResult crashed = app.runOnce("orders", false);
                assertNotNull(crashed.error());
                assertTrue(crashed.error().contains("simulated crash"), crashed.error());
            }
            assertEquals(3 * size, h.count("orders"), "three pages committed");
            Map<String, Object> state = h.query("SELECT * FROM sync_state WHERE entity = 'orders'").get(0);
            assertEquals(3, ((Number) state.get("run_pages")).intValue());
            assertNotNull(state.get("run_cursor"));
            assertNull(state.get("watermark"), "no watermark before a run completes");
            List<Map<String, Object>> runs = h.query("SELECT status FROM sync_runs");
            assertEquals("failed", runs.get(0).get("status"));

            SyncApplication.RunResult resumed = h.sync("orders", false);
            assertNull(resumed.error());
            assertTrue(resumed.run().resumed());
            assertEquals(orders - 3 * size, resumed.run().records(), "only the pages after the last committed one are read");
            assertEquals(orders, h.count("orders"));
            assertEquals(Expected.orders(h.simulator.store().orders().toList()), Expected.rows(h.query("SELECT * FROM orders"),
                    "id", "number", "store_type", "status", "created_at", "updated_at", "currency", "grand_total"));
            assertNull(h.query("SELECT run_id FROM sync_state").get(0).get("run_id"));
            assertNotNull(h.query("SELECT watermark FROM sync_state").get(0).get("watermark"));
        }
    }
}
