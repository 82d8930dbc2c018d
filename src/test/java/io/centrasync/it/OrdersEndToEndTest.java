package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.SimOrder;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulator -> YAML routes -> database, compared row by row with the simulator's data. The tests
 * build on each other (first sync, rerun, changes, full resync); one subclass per database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrdersEndToEndTest {

    SyncHarness harness;

    /** The database this subclass runs against. */
    abstract TestDatabase.Kind database();

    /** Started by the first test rather than in @BeforeAll, so an unreachable database skips each test visibly. */
    @BeforeEach
    void startOnce() {
        if (harness == null) {
            harness = new SyncHarness(450, "mappings/default", database().open());
        }
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private List<SimOrder> source() {
        return harness.simulator.store().orders().toList();
    }

    private void assertDatabaseEqualsSource() {
        List<SimOrder> orders = source();
        assertEquals(Expected.orders(orders), Expected.rows(harness.query("SELECT * FROM orders"),
                "id", "number", "store_type", "status", "created_at", "updated_at", "currency", "grand_total"));
        assertEquals(Expected.orderLines(orders), Expected.rows(harness.query("SELECT * FROM order_lines"),
                "order_id", "line_id", "sku", "ean", "quantity", "cancelled_quantity", "unit_price", "line_value"));
        assertEquals(Expected.orderAttributes(orders), Expected.rows(harness.query("SELECT * FROM order_attributes"),
                "order_id", "attribute_type", "element_key", "element_value"));
    }

    @Test
    @Order(1)
    void firstSyncCopiesEveryOrderLineAndAttribute() {
        SyncApplication.RunResult result = harness.sync("orders", false);
        assertNull(result.error());
        assertEquals(450, result.run().records());
        assertEquals(450, result.run().written());
        assertEquals((450 + DefaultMapping.pageSize() - 1) / DefaultMapping.pageSize(), result.run().pagesThisRun());
        assertDatabaseEqualsSource();
        assertEquals(0, harness.count("dead_letter"));
    }

    @Test
    @Order(2)
    void secondSyncWithoutChangesWritesNothing() {
        SyncApplication.RunResult result = harness.sync("orders", false);
        assertNull(result.error());
        assertEquals(0, result.run().written(), "nothing changed in Centra");
        assertTrue(result.run().records() < 450, "the second run reads only the lookback window, read " + result.run().records());
        assertDatabaseEqualsSource();
    }

    @Test
    @Order(3)
    void changedAndNewOrdersArePickedUpByTheNextSync() {
        harness.simulator.store().touchOrders(7);
        harness.simulator.store().addOrders(5);
        SyncApplication.RunResult result = harness.sync("orders", false);
        assertNull(result.error());
        assertEquals(12, result.run().written(), "exactly the 7 changed and 5 new orders are written");
        assertDatabaseEqualsSource();
    }

    @Test
    @Order(4)
    void fullSyncRereadsEverythingAndStillWritesNothingNew() {
        SyncApplication.RunResult result = harness.sync("orders", true);
        assertNull(result.error());
        assertEquals(455, result.run().records());
        assertEquals(0, result.run().written());
        assertEquals(4, ((Number) harness.query("SELECT COUNT(*) AS n FROM sync_runs WHERE status = 'ok'").get(0).get("n")).intValue());
        assertDatabaseEqualsSource();
    }
}
