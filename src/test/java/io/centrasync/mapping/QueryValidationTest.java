package io.centrasync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Load-time checks of the mapping against its GraphQL query: syntax, variables, and every path selected. */
class QueryValidationTest {
    @TempDir
    Path dir;

    private final ValidationTest helper = new ValidationTest();

    private List<String> problems(String yaml, String query) {
        helper.dir = dir;
        return helper.problems(yaml, query);
    }

    private List<String> bodyProblems(String body) {
        return problems(Fixtures.header("m") + body, Fixtures.QUERY);
    }

    private static final String TABLE = """
            table: orders
            key: [id]
            columns:
              id: id
            """;

    @Test
    void queryFileMustExistAndParse() {
        List<String> p = problems(Fixtures.header("m").replace("query: m.graphql", "query: nope.graphql") + TABLE, null);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("m.yaml:3: query file 'nope.graphql' not found (looked for "), p.get(0));

        p = problems(Fixtures.header("m") + TABLE, """
                query Orders($first: Int!, $after: String) {
                  orderConnection(first: $first, after: $after) {
                    edges { node { id } }
                  }
                }}
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("m.graphql:5: GraphQL syntax error: "), p.get(0));

        assertEquals(List.of("m.graphql:4: the query file must hold exactly one operation (it is sent as is, without an"
                        + " operation name)"),
                problems(Fixtures.header("m") + TABLE, """
                        query A($first: Int!, $after: String) {
                          orderConnection(first: $first, after: $after) { edges { node { id } } }
                        }
                        query B { orders { id } }
                        """));
        assertEquals(List.of("m.graphql:1: the operation must be a query, not a mutation"),
                problems(Fixtures.header("m") + TABLE, "mutation M($first: Int, $after: String) { x }\n"));
    }

    @Test
    void everyColumnPathMustBeSelected() {
        assertEquals(List.of(
                "m.yaml:15: column foo: path 'foo' is not selected by m.graphql (no 'foo' under"
                        + " 'orderConnection.edges.node')",
                "m.yaml:16: column code: path 'status.code' is not selected by m.graphql ('orderConnection.edges.node"
                        + ".status' is a scalar in the query, it has no field 'code')",
                "m.yaml:17: column currency: path 'grandTotal.currency.name' is not selected by m.graphql (no 'name'"
                        + " under 'orderConnection.edges.node.grandTotal.currency')",
                "m.yaml:29: column wrong_level: path '^warehouse.name' is not selected by m.graphql (no 'warehouse'"
                        + " under 'orderConnection.edges.node.lines')",
                "m.yaml:30: column wrong_root: path '$.quantity' is not selected by m.graphql (no 'quantity' under"
                        + " 'orderConnection.edges.node')"),
                bodyProblems("""
                        table: orders
                        key: [id]
                        columns:
                          id: id
                          foo: foo
                          code: status.code
                          currency: grandTotal.currency.name
                          kind: __typename
                          email: buyer.email
                          paid: {path: paid, type: boolean}
                          label: {expr: "anything.at.all"}
                        children:
                          - table: allocations
                            path: lines[].allocations[]
                            position: n
                            columns:
                              warehouse: warehouse.name
                              sku: ^productSize.SKU
                              wrong_level: ^warehouse.name
                              wrong_root: $.quantity
                              number: $.number
                              line_kind: ^__typename
                        """));
    }

    @Test
    void aliasesCountAsTheirResponseNameNotTheFieldName() {
        // the fixture query selects isPaid as paid: a response has "paid", never "isPaid"
        assertEquals(List.of("m.yaml:15: column is_paid: path 'isPaid' is not selected by m.graphql (no 'isPaid' under"
                        + " 'orderConnection.edges.node')"),
                bodyProblems(TABLE + "  is_paid: isPaid\n"));
    }

    @Test
    void recordsAndChildPathsMustBeSelected() {
        assertEquals(List.of(
                "m.yaml:4: source.records 'data.orderConnection.edges[].nodes' is not selected by m.graphql (no 'nodes'"
                        + " under 'orderConnection.edges')"),
                problems(Fixtures.header("m").replace("edges[].node", "edges[].nodes") + TABLE, Fixtures.QUERY));
        assertEquals(List.of(
                "m.yaml:4: source.records 'orderConnection.edges[].node' must start with 'data.' (the GraphQL response"
                        + " envelope), e.g. data.orderConnection.edges[].node"),
                problems(Fixtures.header("m").replace("data.orderConnection", "orderConnection") + TABLE, Fixtures.QUERY));
        assertEquals(List.of(
                "m.yaml:17: table shipments: path 'shipments[]' is not selected by m.graphql (no 'shipments' under"
                        + " 'orderConnection.edges.node')"),
                bodyProblems(TABLE + """
                        children:
                          - table: shipments
                            path: shipments[]
                            position: n
                            columns:
                              id: id
                        """));
    }

    @Test
    void attributeColumnsNeedTheAttributeSelection() {
        String query = """
                query Orders($first: Int!, $after: String) {
                  orderConnection(first: $first, after: $after) {
                    pageInfo { hasNextPage endCursor }
                    edges { node { id attributes { type { name } elements { key } } } }
                  }
                }
                """;
        assertEquals(List.of("m.yaml:15: column gift: attribute 'gift_wrap.message' (needs attributes { type { name }"
                        + " elements { key value | selectedValue } }) is not selected by m.graphql (no 'selectedValue'"
                        + " under 'orderConnection.edges.node.attributes.elements')"),
                problems(Fixtures.header("m") + TABLE + "  gift: {attribute: gift_wrap.message}\n", query));
        // with the fixture query (value and selectedValue through inline fragments) it loads
        assertTrue(load(TABLE + "  gift: {attribute: gift_wrap.message}\n"));
    }

    private boolean load(String body) {
        try {
            Fixtures.load(dir, body);
            return true;
        } catch (MappingException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void pagingVariablesMustBeDeclaredAndPageInfoSelected() {
        String yaml = """
                entity: m
                source:
                  query: m.graphql
                  records: data.orderConnection.edges[].node
                  paging:
                    style: cursor
                    pageInfo: data.orderConnection.page
                    sizeVariable: size
                  incremental: {field: updatedAt, variable: changedSince}
                """ + TABLE;
        assertEquals(List.of(
                "m.yaml:5: source.paging.cursorVariable 'after' (the default) is not a variable of the query in"
                        + " m.graphql (declared: $first)",
                "m.yaml:7: source.paging.pageInfo 'data.orderConnection.page' field hasNextPage is not selected by"
                        + " m.graphql (no 'page' under 'orderConnection')",
                "m.yaml:8: source.paging.sizeVariable 'size' is not a variable of the query in m.graphql (declared:"
                        + " $first)",
                "m.yaml:9: source.incremental.variable 'changedSince' is not a variable of the query in m.graphql"
                        + " (declared: $first)",
                "m.yaml:9: the query in m.graphql requires $first (non-null, no default) but this mapping never fills"
                        + " it; declare it in source.paging or source.incremental, or give it a default in the query"),
                problems(yaml, """
                        query Orders($first: Int!) {
                          orderConnection(first: $first) {
                            pageInfo { hasNextPage }
                            edges { node { id updatedAt } }
                          }
                        }
                        """));
    }

    @Test
    void pageInfoDefaultsFromConnectionAndNeedsEndCursor() {
        String query = Fixtures.QUERY.replace("pageInfo { hasNextPage endCursor }", "pageInfo { hasNextPage }");
        String yaml = Fixtures.header("m").replace("    sizeVariable: first\n", "") + TABLE;
        assertEquals(List.of("m.yaml:5: source.paging.pageInfo 'data.orderConnection.pageInfo' field endCursor is not"
                        + " selected by m.graphql (no 'endCursor' under 'orderConnection.pageInfo')"),
                problems(yaml, query));
    }

    @Test
    void totalCountMustBeSelectedAndIsReadForProgress() throws Exception {
        String yaml = Fixtures.header("m").replace("    size: 50\n", "    size: 50\n    totalCount: data.orderConnection.totalCount\n") + TABLE;
        assertEquals(List.of("m.yaml:10: source.paging.totalCount 'data.orderConnection.totalCount' is not selected by m.graphql"
                        + " (no 'totalCount' under 'orderConnection')"),
                problems(yaml, Fixtures.QUERY));
        String query = Fixtures.QUERY.replace("pageInfo { hasNextPage endCursor }", "pageInfo { hasNextPage endCursor } totalCount");
        EntityMapping m = MappingLoader.load(Fixtures.write(dir, "m", yaml, query));
        assertEquals("data.orderConnection.totalCount", m.paging().totalCountPath());
        assertEquals(List.of("m.yaml:10: source.paging.totalCount 'orderConnection.totalCount' must start with 'data.'"),
                problems(yaml.replace("totalCount: data.", "totalCount: "), query));
    }

    @Test
    void pageStyleAndNoPaging() throws Exception {
        String query = """
                query Stock($limit: Int, $page: Int) {
                  warehouses { id stock(limit: $limit, page: $page) { productSize { SKU } physicalQuantity } }
                }
                """;
        String yaml = """
                entity: stock
                source:
                  query: m.graphql
                  records: data.warehouses[].stock[]
                  paging: {style: page, size: 200}
                table: stock
                key: [id]
                columns:
                  id: {path: productSize.SKU}
                  physical_quantity: {path: physicalQuantity, type: int}
                """;
        EntityMapping m = MappingLoader.load(Fixtures.write(dir, "m", yaml, query));
        assertEquals(new PagingSpec("page", null, "limit", null, "page", 200), m.paging());
        assertTrue(m.incremental().isEmpty());
        List<com.fasterxml.jackson.databind.JsonNode> records = m.selectRecords(Fixtures.json("""
                {"data": {"warehouses": [{"id": 1, "stock": [{"physicalQuantity": 1}, {"physicalQuantity": 2}]},
                                         {"id": 2, "stock": null}, null, {"id": 3, "stock": [{"physicalQuantity": 3}]}]}}
                """));
        assertEquals(List.of(1, 2, 3), records.stream().map(r -> r.get("physicalQuantity").intValue()).toList());

        assertEquals(List.of("m.yaml:5: source.paging.pageInfo does not apply to paging style page"),
                problems(yaml.replace("{style: page, size: 200}", "{style: page, pageInfo: data.x}"), query));
        assertEquals(List.of("m.yaml:5: source.paging.totalCount does not apply to paging style page"),
                problems(yaml.replace("{style: page, size: 200}", "{style: page, totalCount: data.x}"), query));

        EntityMapping none = MappingLoader.load(Fixtures.write(dir, "m",
                yaml.replace("  paging: {style: page, size: 200}\n", ""), query));
        assertEquals(new PagingSpec("none", null, null, null, null, 0), none.paging());
    }
}
