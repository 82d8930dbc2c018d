package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.SimStock;
import io.centrasync.simulator.SimStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot never empties a table by accident (issue 23): an inventory page that comes back empty or short before
 * the last one is a broken answer, asked for again before it is written; one that stays broken fails the run and
 * publishes nothing. Where stock ends is still found with one request at most more than the pages with rows.
 * The default store (4 warehouses of about 184 stock rows each) in pages of 50: pages 1 to 3 full, 4 short, 5 empty.
 */
class ShortPageEndToEndTest {

    private static final int PAGE = 50;

    @TempDir
    Path dir;

    private SyncHarness harness() throws Exception {
        return new SyncHarness(5, SmallPages.mapping(dir, "inventory", PAGE).toString());
    }

    @ParameterizedTest(name = "keep {0} rows of page 2, centra.prefetch={1}")
    @CsvSource({"0, true", "0, false", "10, true", "10, false"})
    void aPageEmptyOrShortInTheMiddleIsAskedForAgain(int keep, boolean prefetch) throws Exception {
        try (SyncHarness h = harness()) {
            h.set("centra.prefetch", Boolean.toString(prefetch));
            h.simulator.faults().shortPage("stock", 2, keep, 1);
            SyncApplication.RunResult run = h.sync("inventory", false);
            assertNull(run.error());
            assertEquals(0, h.simulator.faults().pendingPages(), "the broken page was served");
            Expected.assertStockEqualsSource(h);
            assertEquals(4, run.run().pagesThisRun(), "pages 1 to 4 written, each once");
            assertEquals(1, h.simulator.maxConcurrentRequests(), "one request at a time, the retry included");
        }
    }

    @Test
    void aPageThatStaysBrokenFailsTheRunAndKeepsThePublishedSnapshot() throws Exception {
        try (SyncHarness h = harness()) {
            assertNull(h.sync("inventory", false).error());
            TreeSet<String> published = Expected.rows(h.query("SELECT * FROM stock"), Expected.STOCK_COLUMNS);
            h.simulator.store().changeStock(30);
            h.simulator.faults().shortPage("stock", 2, 0, 3); // the first answer and both retries (centra.retries=2)

            SyncApplication.RunResult failed = h.sync("inventory", false);
            assertEquals("page 2 of inventory came back empty (0 of 50 in warehouses[0].stock) but page 3 has more: "
                    + "a broken answer, still after 2 retries of page 2 (centra.retries)", failed.error());
            assertEquals("failed", failed.run().status());
            assertEquals(0, h.simulator.faults().pendingPages());
            assertEquals(published, Expected.rows(h.query("SELECT * FROM stock"), Expected.STOCK_COLUMNS),
                    "readers still see the last complete snapshot");

            SyncApplication.RunResult next = h.sync("inventory", false);
            assertNull(next.error());
            Expected.assertStockEqualsSource(h);
        }
    }

    /**
     * Stopping at the first empty page would trust an empty answer; it is the last page only once the page before had
     * every list short or the page after is empty too. That probe is one request, needed only where no list ended
     * short: a store whose longest stock list is an exact multiple of the page size, or an empty store.
     */
    @Test
    void whereStockEndsCostsOneRequestMoreOnlyWhenNoListEndedShort() throws Exception {
        try (SyncHarness h = harness()) {
            h.set("sink.snapshot-max-shrink", "1.0"); // the store loses rows on purpose
            SimStore store = h.simulator.store();
            int longest = perWarehouse(store).values().stream().mapToInt(List::size).max().orElseThrow();
            assertTrue(longest % PAGE != 0, "fixture: the default store ends short: " + longest);
            long before = h.simulator.requests();
            assertNull(h.sync("inventory", false).error());
            assertEquals(longest / PAGE + 2, h.simulator.requests() - before, "the pages with rows and the empty one after");
            Expected.assertStockEqualsSource(h);

            // every warehouse an exact multiple of the page size: the last full page is followed by an empty one and the probe
            perWarehouse(store).values().forEach(rows -> rows.subList(rows.size() / PAGE * PAGE, rows.size())
                    .forEach(s -> store.removeStock(s.warehouseId(), s.productSizeId())));
            longest = perWarehouse(store).values().stream().mapToInt(List::size).max().orElseThrow();
            assertEquals(0, longest % PAGE);
            before = h.simulator.requests();
            assertNull(h.sync("inventory", false).error());
            assertEquals(longest / PAGE + 2, h.simulator.requests() - before, "the full pages, the empty one and the probe");
            Expected.assertStockEqualsSource(h);

            // nothing at all: page 1 and the probe
            store.stock().forEach(s -> store.removeStock(s.warehouseId(), s.productSizeId()));
            before = h.simulator.requests();
            SyncApplication.RunResult empty = h.sync("inventory", false);
            assertNull(empty.error());
            assertEquals(2, h.simulator.requests() - before, "page 1 and the probe");
            assertEquals(0, h.count("stock"));
        }
    }

    /** An empty first page is the last one only if the probe is empty too: here it has rows, so page 1 is asked for again. */
    @Test
    void anEmptyFirstPageIsNotTakenForAnEmptyStore() throws Exception {
        try (SyncHarness h = harness()) {
            SimStore store = h.simulator.store();
            h.simulator.faults().shortPage("stock", 1, 0, 1);
            SyncApplication.RunResult run = h.sync("inventory", false);
            assertNull(run.error());
            Expected.assertStockEqualsSource(h);
            assertFalse(store.stock().isEmpty());
        }
    }

    private static Map<Integer, List<SimStock>> perWarehouse(SimStore store) {
        return store.stock().stream().collect(Collectors.groupingBy(SimStock::warehouseId, Collectors.toList()));
    }
}
