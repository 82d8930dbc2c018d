package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

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
                // pages already waiting are written together, so the run stands at page 3, 4 or 5 of 6
                CrashAfterPages.install(app, "orders", 3, "simulated crash once 3 pages were committed");
                SyncApplication.RunResult crashedRun = app.runOnce("orders", false);
                assertNotNull(crashedRun.error());
                assertTrue(crashedRun.error().contains("simulated crash"), crashedRun.error());
            }
            Map<String, Object> state = h.query("SELECT * FROM sync_state WHERE entity = 'orders'").get(0);
            int committed = ((Number) state.get("run_pages")).intValue();
            assertTrue(committed >= 3 && committed <= 5, "pages committed before the crash: " + committed);
            assertEquals(committed * size, h.count("orders"), "the committed pages' orders, and only theirs");
            assertNotNull(state.get("run_cursor"));
            assertNull(state.get("watermark"), "no watermark before a run completes");
            List<Map<String, Object>> runs = h.query("SELECT status FROM sync_runs");
            assertEquals("failed", runs.get(0).get("status"));

            SyncApplication.RunResult resumed = h.sync("orders", false);
            assertNull(resumed.error());
            assertTrue(resumed.run().resumed());
            assertEquals(orders - committed * size, resumed.run().records(), "only the pages after the last committed one are read");
            assertEquals(orders, h.count("orders"));
            assertEquals(Expected.orders(h.simulator.store().orders().toList()), Expected.rows(h.query("SELECT * FROM orders"),
                    "id", "number", "store_type", "status", "created_at", "updated_at", "currency", "grand_total"));
            assertNull(h.query("SELECT run_id FROM sync_state").get(0).get("run_id"));
            assertNotNull(h.query("SELECT watermark FROM sync_state").get(0).get("watermark"));
        }
    }
}
