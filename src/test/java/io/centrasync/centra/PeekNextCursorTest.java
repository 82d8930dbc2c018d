package io.centrasync.centra;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingException;
import io.centrasync.mapping.MappingLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Where the next page starts, read from the head of an answer so the next request can go out before the page is
 * parsed: only where the answer opens with what the query asks for first; null (wait for the parsed page) in every
 * other case.
 */
class PeekNextCursorTest {

    private static final EntityMapping CURSOR = load("purchase_orders");
    private static final EntityMapping PAGE = load("purchase_order_deliveries");
    private static final EntityMapping NESTED_LIST = load("inventory");

    private static EntityMapping load(String entity) {
        try {
            return MappingLoader.load(Path.of("mappings/default/" + entity + ".yaml"));
        } catch (MappingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String connection(String pageInfo) {
        return "{\"data\":{\"purchaseOrderConnection\":{\"pageInfo\":" + pageInfo + ",\"edges\":[{\"node\":{\"id\":1}}]}},"
                + "\"extensions\":{\"complexity\":12}}";
    }

    @Test
    void readsTheCursorAtTheHeadOfTheAnswer() {
        assertEquals("c2", PageResponses.peekNext(connection("{\"hasNextPage\":true,\"endCursor\":\"c2\"}"), CURSOR, "c1"));
        assertEquals("c2", PageResponses.peekNext(connection("{\"endCursor\":\"c2\",\"extra\":{\"a\":[1]},\"hasNextPage\":true}"),
                CURSOR, null), "any order within pageInfo, unknown fields skipped");
    }

    @Test
    void countsOnFromAPageThatHasRecords() {
        String records = "{\"data\":{\"purchaseOrderDeliveries\":[{\"id\":7},{\"id\":8}]}}";
        assertEquals("2", PageResponses.peekNext(records, PAGE, null), "the first page is page 1");
        assertEquals("4", PageResponses.peekNext(records, PAGE, "3"));
        assertNull(PageResponses.peekNext("{\"data\":{\"purchaseOrderDeliveries\":[]}}", PAGE, "3"), "an empty page is the end");
    }

    @Test
    void looksAtTheFirstElementOfAListOnThePathToTheRecords() {
        assertEquals("2", PageResponses.peekNext("{\"data\":{\"warehouses\":[{\"stock\":[{\"id\":1}]},{\"stock\":[]}]}}",
                NESTED_LIST, "1"));
        assertNull(PageResponses.peekNext("{\"data\":{\"warehouses\":[{\"stock\":[]},{\"stock\":[{\"id\":1}]}]}}",
                NESTED_LIST, "1"), "the first warehouse has no stock on this page: left to the parsed page");
        assertNull(PageResponses.peekNext("{\"data\":{\"warehouses\":[{\"name\":\"W1\",\"stock\":[{\"id\":1}]}]}}",
                NESTED_LIST, "1"), "the warehouse does not open with its stock");
        assertNull(PageResponses.peekNext("{\"data\":{\"warehouses\":[]}}", NESTED_LIST, "1"), "no warehouses");
    }

    @Test
    void givesNothingWhereThePageMustBeParsedFirst() {
        assertNull(PageResponses.peekNext(connection("{\"hasNextPage\":false,\"endCursor\":\"c2\"}"), CURSOR, "c1"), "last page");
        assertNull(PageResponses.peekNext(connection("{\"hasNextPage\":true,\"endCursor\":\"c1\"}"), CURSOR, "c1"),
                "the same cursor again: read() reports it");
        assertNull(PageResponses.peekNext(connection("{\"hasNextPage\":true,\"endCursor\":null}"), CURSOR, "c1"), "no cursor");
        assertNull(PageResponses.peekNext("{\"errors\":[{\"message\":\"x\"}],\"data\":{\"purchaseOrderConnection\":"
                + "{\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c2\"}}}}", CURSOR, "c1"), "errors come first");
        assertNull(PageResponses.peekNext("{\"errors\":[{\"message\":\"x\"}],\"data\":{\"purchaseOrderDeliveries\":[{\"id\":7}]}}",
                PAGE, "1"), "errors come first");
        assertNull(PageResponses.peekNext("{\"data\":{\"purchaseOrderConnection\":{\"edges\":[],"
                + "\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c2\"}}}}", CURSOR, "c1"), "pageInfo after the records");
        assertNull(PageResponses.peekNext("{\"data\":{\"purchaseOrderConnection\":{\"pageInfo\":{\"hasNextPage\":tr",
                CURSOR, "c1"), "cut off");
        assertNull(PageResponses.peekNext("<html>Bad gateway</html>", CURSOR, "c1"), "not JSON");
        assertNull(PageResponses.peekNext("<html>Bad gateway</html>", PAGE, "1"), "not JSON");
    }
}
