package io.centrasync.mapping;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names a query relies on that the built-in schema marks {@code @unconfirmed}, wherever they are written. */
class UnconfirmedNamesTest {
    private final QuerySchemaCheck builtin = QuerySchemaCheck.builtin();

    @Test
    void findsThemInArgumentsInputFieldsEnumValuesFragmentsAndConditionalSelections() {
        String query = """
                query Q($page: Int!, $sort: [PurchaseOrderSort!], $withSupplier: Boolean!) {
                  purchaseOrders(where: {status: [DRAFT], createdAt: {from: "2025-01-01"}}, sort: $sort, page: $page) {
                    ...Po
                    supplier @include(if: $withSupplier) { id }
                  }
                  orderConnection(first: 10, sort: [orderDate_ASC, number_ASC]) { edges { node { id } } }
                }
                fragment Po on PurchaseOrder { id status }
                """;
        assertEquals(List.of(
                "q.graphql:2: Query.purchaseOrders: root name and arguments inferred",
                "q.graphql:2: PurchaseOrderFilter.status: not in Centra's documentation",
                "q.graphql:2: PurchaseOrderStatus: no value was found: the simulator's lifecycle",
                "q.graphql:2: PurchaseOrderSort: no value was found",
                "q.graphql:8: PurchaseOrder.status returns PurchaseOrderStatus: no value was found: the simulator's lifecycle",
                "q.graphql:4: Supplier: seen only in third-party code: supplier { id name }",
                "q.graphql:6: OrderSort.number_ASC: seen only in third-party code"),
                builtin.unconfirmed(Path.of("q.graphql"), query));
    }

    @Test
    void aQueryWithProblemsIsLeftToTheProblems() {
        assertEquals(List.of(), builtin.unconfirmed(Path.of("q.graphql"), "{ purchaseOrders(where: {status: [LOST]}) { id } }"));
    }
}
