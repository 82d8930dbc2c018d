package io.centrasync.it;

import io.centrasync.simulator.SimOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding an entity takes one templatedRoute entry and two mapping files, no Java: here {@code order_totals}, each
 * order's grand total, a table of its own. Until both files are there, {@code validate} says what is missing.
 */
class AddEntityTest {

    private static final String ENTRY = """

            - templatedRoute:
                routeTemplateRef: poll-entity
                parameters:
                  - name: entity
                    value: order_totals
            """;

    private static final String QUERY = """
            query OrderTotals($first: Int!, $after: String, $updatedSince: DateTimeTz!) {
              orderConnection(first: $first, after: $after, where: {updatedAt: {from: $updatedSince}}, sort: [orderDate_ASC]) {
                pageInfo { hasNextPage endCursor }
                edges { node { id updatedAt grandTotal { value } } }
              }
            }
            """;

    private static final String MAPPING = """
            entity: order_totals
            source:
              query: order_totals.graphql
              records: data.orderConnection.edges[].node
              paging: {style: cursor, pageInfo: data.orderConnection.pageInfo, sizeVariable: first, cursorVariable: after, size: 50}
              incremental: {field: updatedAt, variable: updatedSince, lookback: PT10M}
            table: order_totals
            key: [order_id]
            columns:
              order_id:    {path: id, required: true}
              grand_total: {path: grandTotal.value, type: decimal, required: true}
            """;

    @Test
    void anEntryAndTwoMappingFilesAddAnEntity(@TempDir Path dir) throws Exception {
        Path routes = ValidateCommandTest.copy(Path.of("routes"), dir.resolve("routes"));
        Path mappings = ValidateCommandTest.copy(Path.of("mappings/default"), dir.resolve("mappings"));
        Files.writeString(routes.resolve("entities.camel.yaml"), ENTRY, StandardOpenOption.APPEND);

        CommandLineTest.Result missing = ValidateCommandTest.validate(routes, mappings);
        assertEquals(2, missing.code(), missing.all());
        assertTrue(missing.all().contains("route centra-order_totals has no mapping"), missing.all());

        Files.writeString(mappings.resolve("order_totals.graphql"), QUERY);
        Files.writeString(mappings.resolve("order_totals.yaml"), MAPPING);
        CommandLineTest.Result valid = ValidateCommandTest.validate(routes, mappings);
        assertEquals(0, valid.code(), valid.all());

        try (SyncHarness h = new SyncHarness(90, mappings.toString())) {
            Map<String, String> env = new HashMap<>(CommandLineTest.env(h));
            env.put("ROUTES_DIR", routes.toString());
            env.put("MAPPINGS_DIR", mappings.toString());
            env.put("SINK_JDBC_URL", h.jdbcUrl);
            CommandLineTest.Result sync = CommandLineTest.cli(env, "sync", "order_totals");
            assertEquals(0, sync.code(), sync.all());
            assertTrue(sync.out().contains("order_totals"), sync.out());
            assertEquals(90, h.count("order_totals"));
            SimOrder first = h.simulator.store().orders().findFirst().orElseThrow();
            BigDecimal stored = (BigDecimal) h.query("SELECT grand_total FROM order_totals WHERE order_id = '" + first.id() + "'")
                    .get(0).get("grand_total");
            assertEquals(0, first.grandTotal(true).compareTo(stored));
        }
    }
}
