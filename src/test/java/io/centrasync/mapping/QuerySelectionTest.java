package io.centrasync.mapping;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QuerySelectionTest {
    private static List<String> path(String dotted) {
        return List.of(dotted.split("\\."));
    }

    @Test
    void mergesFragmentsInlineFragmentsAndAliases() throws Exception {
        QuerySelection q = QuerySelection.parse("""
                query Q($first: Int!, $after: String, $since: DateTimeTz! = "2020-01-01") {
                  orders: orderConnection(first: $first, after: $after) {
                    edges { node { ...A ... on WholesaleOrder { buyer { email } } } }
                  }
                }
                fragment A on Order { id ...B }
                fragment B on Order { lines { sku: productSize { SKU } } ...A }
                """);
        assertEquals(Set.of("first", "after", "since"), q.variables());
        assertEquals(Set.of("first"), q.requiredVariables(), "nullable or defaulted variables are optional");
        assertNull(q.missing(path("orders.edges.node.id")));
        assertNull(q.missing(path("orders.edges.node.buyer.email")));
        assertNull(q.missing(path("orders.edges.node.lines.sku.SKU")), "fragment cycle A→B→A is cut");
        assertNull(q.missing(path("orders.edges.node.lines.__typename")));
        assertEquals("no top-level field 'orderConnection'", q.missing(path("orderConnection.edges")));
        assertEquals("no 'productSize' under 'orders.edges.node.lines'", q.missing(path("orders.edges.node.lines.productSize")));
        assertEquals("'orders.edges.node.id' is a scalar in the query, it has no field 'x'",
                q.missing(path("orders.edges.node.id.x")));
    }
}
