package io.centrasync.centra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.ListSizes;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.CentraPage;
import io.centrasync.run.SyncRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The list-size rule of list paging: a list shorter than the page size has ended; a page with a short list waits for
 * the page after it, which makes it the last (every list ended) or a broken answer (records in a list that had ended).
 */
class PageEndsTest {

    private static final int LIMIT = 200;

    /** Lists warehouses[0].stock, warehouses[1].stock, ... of these sizes. */
    private static ListSizes stock(int... sizes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            names.add("warehouses[" + i + "].stock");
        }
        return ListSizes.of(names, sizes);
    }

    private static String broken(ListSizes page, ListSizes next) {
        return PageEnds.broken("inventory", "3", page, "4", next, LIMIT);
    }

    @Test
    void aPageWithEveryListFullIsWrittenAtOnce() {
        assertFalse(PageEnds.unconfirmed(stock(200, 200, 200), LIMIT));
        assertTrue(PageEnds.unconfirmed(stock(200, 120, 200), LIMIT), "one list short: it ended, or the answer is broken");
        assertTrue(PageEnds.unconfirmed(stock(0, 0), LIMIT), "an empty page");
        assertTrue(PageEnds.unconfirmed(stock(), LIMIT), "no list at all (no warehouse in the answer)");
    }

    @Test
    void aPageIsTheLastWhenEveryListOnItEnded() {
        assertTrue(PageEnds.ended(stock(120, 0, 3), LIMIT));
        assertTrue(PageEnds.ended(stock(0, 0), LIMIT));
        assertTrue(PageEnds.ended(stock(), LIMIT));
        assertFalse(PageEnds.ended(stock(200, 0), LIMIT), "a full list may go on: an empty page after it needs a look at the next");
    }

    @Test
    void recordsInAListThatEndedMakeThePageBroken() {
        assertEquals("page 3 of inventory came back short (120 of 200 in warehouses[2].stock) but page 4 has more: a broken answer",
                broken(stock(200, 200, 120), stock(200, 0, 80)));
        assertEquals("page 3 of inventory came back empty (0 of 200 in warehouses[0].stock) but page 4 has more: a broken answer",
                broken(stock(0, 0, 0), stock(200, 10, 0)));
        assertEquals("page 3 of inventory came back empty (0 of 200 in warehouses[1].stock) but page 4 has more: a broken answer",
                broken(stock(), stock(0, 5)), "lists missing from the page count as empty");
        assertEquals("page 3 of inventory came back short (40 of 200 in warehouses[1].stock) but page 4 has more: a broken answer",
                broken(stock(200, 40), stock(200, 40)), "records in a list that ended, whichever they are");
    }

    @Test
    void listsThatEndedAndStayEmptyAreNoBrokenAnswer() {
        assertNull(broken(stock(200, 120, 0), stock(200, 0, 0)), "warehouse 0 goes on, 1 and 2 ended");
        assertNull(broken(stock(200, 200), stock(0, 0)), "an empty page after full lists: itself checked against the next");
        assertNull(broken(stock(120), stock(0)));
        assertNull(broken(stock(0, 0), stock()));
        assertNull(broken(stock(200, 3), stock(200)), "a list missing from the next page is empty there");
    }

    /** The sizes come from the answer, one per innermost list, by position; one list where the records are a plain list. */
    @Test
    void theAnswerSaysHowLongEachListWas() throws Exception {
        ObjectMapper json = new ObjectMapper();
        EntityMapping inventory = MappingLoader.load(Path.of("mappings/default/inventory.yaml"));
        String answer = "{\"data\":{\"warehouses\":[{\"stock\":[{},{},{}]},{\"stock\":[]},{\"stock\":null},{},{\"stock\":[{}]}]}}";
        assertEquals("[warehouses[0].stock=3, warehouses[1].stock=0, warehouses[2].stock=0, warehouses[3].stock=0, warehouses[4].stock=1]",
                inventory.selectListSizes(json.readTree(answer)).toString());
        assertEquals("[]", inventory.selectListSizes(json.readTree("{\"data\":{\"warehouses\":[]}}")).toString());

        EntityMapping deliveries = MappingLoader.load(Path.of("mappings/default/purchase_order_deliveries.yaml"));
        assertEquals("[purchaseOrderDeliveries=2]",
                deliveries.selectListSizes(json.readTree("{\"data\":{\"purchaseOrderDeliveries\":[{\"id\":1},{\"id\":2}]}}")).toString());

        SyncRun run = SyncRun.unrecorded("inventory", inventory);
        CentraPage page = new PageResponses().read(answer, run);
        assertEquals(4, page.records().size());
        assertEquals(5, page.listSizes().count(), "carried on the parsed page");
        assertEquals("2", page.nextCursor());
    }
}
