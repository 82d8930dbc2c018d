package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Child rows whose root row is gone (deleted by hand, a retention job) are replaced, not collided with. */
class OrphanedChildRowsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void rootRowsDeletedByHandComeBackWithTheirLinesIncrementallyAndInAFullSync(TestDatabase.Kind kind) {
        try (SyncHarness h = new SyncHarness(150, "mappings/default", kind.open())) {
            assertSucceeds(h.sync("orders", false));

            List<String> orphaned = deleteRootRows(h, 3);
            orphaned.forEach(h.simulator.store()::touch);
            assertSucceeds(h.sync("orders", false));
            Expected.assertDatabaseEqualsSource(h);

            deleteRootRows(h, 3);
            assertSucceeds(h.sync("orders", true));
            Expected.assertDatabaseEqualsSource(h);
        }
    }

    /** Deletes {@code n} rows of orders, leaving their order_lines; returns their ids. */
    private static List<String> deleteRootRows(SyncHarness h, int n) {
        List<String> ids = h.query("SELECT id FROM orders ORDER BY id").stream().limit(n).map(r -> r.get("id").toString()).toList();
        String list = "'" + String.join("', '", ids) + "'";
        h.database.execute("DELETE FROM orders WHERE id IN (" + list + ")");
        long lines = ((Number) h.query("SELECT COUNT(*) AS n FROM order_lines WHERE order_id IN (" + list + ")").get(0).get("n")).longValue();
        assertTrue(lines > 0, "the deleted orders' lines stay behind");
        return ids;
    }

    private static void assertSucceeds(SyncApplication.RunResult result) {
        assertNull(result.error(), result.error());
    }
}
