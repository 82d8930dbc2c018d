package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped mappings/default/orders mapping against a realistic Centra orderConnection page. */
class DefaultOrdersMappingTest {
    static EntityMapping mapping;
    static JsonNode page;

    @BeforeAll
    static void load() throws MappingException {
        mapping = MappingLoader.load(java.nio.file.Path.of("mappings/default/orders.yaml"));
        page = Fixtures.jsonResource("orders-page.json");
    }

    private static OffsetDateTime utc(String iso) {
        return OffsetDateTime.parse(iso);
    }

    private static List<String> names(TableSpec t) {
        return t.columns().stream().map(ColumnSpec::name).toList();
    }

    @Test
    void describesSourcePagingAndIncrementalSync() {
        assertEquals("orders", mapping.entity());
        assertEquals("data.orderConnection.edges[].node", mapping.recordsPath());
        assertEquals(new PagingSpec("cursor", "data.orderConnection.pageInfo", "first", "after", null, 200,
                "data.orderConnection.totalCount"), mapping.paging());
        assertEquals(new IncrementalSpec("updatedAt", "updatedSince", Duration.ofMinutes(10)), mapping.incremental().orElseThrow());
        assertTrue(mapping.queryText().contains("orderConnection("), mapping.queryText());
        assertEquals("orders.graphql", mapping.queryFile().getFileName().toString());
        assertEquals(64, mapping.fingerprint().length());
    }

    @Test
    void describesTablesInInsertOrder() {
        TableSpec orders = mapping.rootTable();
        assertEquals("orders", orders.name());
        assertEquals(List.of("id"), orders.key());
        assertEquals(List.of("id", "number", "store_type", "status", "created_at", "updated_at", "currency", "grand_total"),
                names(orders));
        assertEquals(new ColumnSpec("number", ColumnType.LONG), orders.columns().get(1));
        assertEquals(new ColumnSpec("grand_total", ColumnType.DECIMAL), orders.columns().get(7));

        TableSpec lines = mapping.childTables().get(0);
        assertEquals(new TableSpec("order_lines", List.of("order_id", "line_id"),
                List.of(new ColumnSpec("order_id", ColumnType.STRING), new ColumnSpec("line_id", ColumnType.LONG),
                        new ColumnSpec("sku", ColumnType.STRING), new ColumnSpec("ean", ColumnType.STRING),
                        new ColumnSpec("quantity", ColumnType.INT), new ColumnSpec("cancelled_quantity", ColumnType.INT),
                        new ColumnSpec("unit_price", ColumnType.DECIMAL), new ColumnSpec("line_value", ColumnType.DECIMAL),
                        new ColumnSpec("line_type", ColumnType.STRING)),
                true, List.of("order_id")), lines);

        TableSpec attributes = mapping.childTables().get(1);
        assertEquals("order_attributes", attributes.name());
        assertEquals(List.of("order_id", "attribute_type", "element_key"), attributes.key());
        assertEquals(List.of("order_id", "attribute_type", "element_key", "element_value"), names(attributes));
        assertEquals(List.of("orders", "order_lines", "order_attributes"),
                mapping.tables().stream().map(TableSpec::name).toList());
    }

    @Test
    void selectsRecordsAndPageInfo() {
        List<JsonNode> records = mapping.selectRecords(page);
        assertEquals(2, records.size());
        assertEquals(166, records.get(0).get("number").intValue());
        JsonNode pageInfo = mapping.select(page, mapping.paging().pageInfoPath());
        assertEquals("bnVtYmVyOjE2Nw==", pageInfo.get("endCursor").textValue());
        assertNull(mapping.select(page, "data.nothing.here"));
        assertEquals(List.of(), mapping.selectRecords(Fixtures.json("{\"data\":{\"orderConnection\":null}}")));
    }

    @Test
    void mapsDirectToConsumerOrderWithCancelledLineAndAttributes() throws Exception {
        MappedRecord r = mapping.mapper().map(mapping.selectRecords(page).get(0));
        String id = "1497ccf644db871e1e4026d101bde6f3";
        assertEquals(id, r.key());
        // updatedAt 03:30+02:00 on the DST change day
        assertEquals(Instant.parse("2024-03-31T01:30:00Z"), r.cursor());
        assertArrayEquals(new Object[] {id, 166L, "DTC", "CONFIRMED", utc("2024-03-31T00:30:00Z"),
                utc("2024-03-31T01:30:00Z"), "SEK", new BigDecimal("1234567.89")}, r.row());

        List<Object[]> lines = r.children().get("order_lines");
        assertEquals(2, lines.size());
        assertArrayEquals(new Object[] {id, 501L, "TRÖJA-ÅSA-XL", "7350000000017", 2, 0, new BigDecimal("0.1"),
                new BigDecimal("0.2"), "ProductOrderLine"}, lines.get(0));
        // the fully cancelled line: quantity 0, EAN null, exact decimals
        assertArrayEquals(new Object[] {id, 502L, "MÖSSA-一-S", null, 0, 1, new BigDecimal("1234567.79"),
                BigDecimal.ZERO, "ProductOrderLine"}, lines.get(1));

        List<Object[]> attributes = r.children().get("order_attributes");
        assertEquals(3, attributes.size());
        assertArrayEquals(new Object[] {id, "gift_wrap", "message", "Grattis på födelsedagen! 🎉"}, attributes.get(0));
        assertArrayEquals(new Object[] {id, "gift_wrap", "paper", "gold"}, attributes.get(1));
        assertArrayEquals(new Object[] {id, "delivery", "note", null}, attributes.get(2));
    }

    @Test
    void mapsWholesaleOrderWithoutAttributesOrProductSize() throws Exception {
        MappedRecord r = mapping.mapper().map(mapping.selectRecords(page).get(1));
        String id = "8f14e45fceea167a5a36dedd4bea2543";
        assertEquals(id, r.key());
        assertEquals(Instant.parse("2022-11-09T12:15:11Z"), r.cursor());
        Object[] row = r.row();
        assertEquals(Arrays.asList(id, 167L, "WHOLESALE", "PENDING", utc("2022-11-09T12:15:11Z"),
                utc("2022-11-09T12:15:11Z"), "EUR"), Arrays.asList(row).subList(0, 7));
        assertEquals(0, new BigDecimal("4500").compareTo((BigDecimal) row[7]));

        List<Object[]> lines = r.children().get("order_lines");
        assertEquals(1, lines.size());
        Object[] line = lines.get(0);
        assertEquals(Arrays.asList(id, 777L, null, null, 30, 0), Arrays.asList(line).subList(0, 6));
        assertEquals(0, new BigDecimal("150.00").compareTo((BigDecimal) line[6]));
        assertEquals(0, new BigDecimal("4500.00").compareTo((BigDecimal) line[7]));
        assertEquals("BundleOrderLine", line[8]);
        assertEquals(List.of(), r.children().get("order_attributes"));
        assertEquals(List.of("order_lines", "order_attributes"), List.copyOf(r.children().keySet()));
    }

    @Test
    void aMissingRequiredColumnNamesTheRecord() {
        JsonNode order = mapping.selectRecords(page).get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) order.get("grandTotal")).remove("value");
        RecordMappingException e = org.junit.jupiter.api.Assertions.assertThrows(RecordMappingException.class,
                () -> mapping.mapper().map(order));
        assertEquals("1497ccf644db871e1e4026d101bde6f3", e.recordKey());
        assertEquals("required column grand_total (path grandTotal.value) is missing", e.getMessage());
    }
}
