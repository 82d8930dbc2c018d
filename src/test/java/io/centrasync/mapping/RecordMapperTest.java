package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Column features of the record mapper, each on a small mapping over {@link Fixtures#QUERY}. */
class RecordMapperTest {
    @TempDir
    Path dir;

    static final String ORDER = """
            {"id": "a1", "number": 166, "status": "PENDING", "paid": true,
             "createdAt": "2024-03-31 01:30:00", "updatedAt": "2024-03-31T03:30:00+02:00", "internalComment": null,
             "store": {"type": "DIRECT_TO_CONSUMER"},
             "grandTotal": {"value": 10.5, "currency": {"code": "SEK"}},
             "lines": [
               {"id": 1, "quantity": 2, "comment": "first", "productSize": {"SKU": "A"},
                "allocations": [{"id": 11, "warehouse": {"name": "Main"}}, {"id": 12, "warehouse": {"name": "Second"}}]},
               {"id": 2, "quantity": 1, "productSize": null, "allocations": []},
               null,
               {"id": 3, "quantity": 5, "allocations": [{"id": 31, "warehouse": null}]}
             ],
             "attributes": [
               {"type": {"name": "gift_wrap"},
                "elements": [{"key": "message", "value": "Hej då"}, {"key": "paper", "selectedValue": "gold"}]},
               {"type": {"name": "campaign"}, "elements": [{"key": "code", "value": null}]}
             ]}
            """;

    private static JsonNode order() {
        return Fixtures.json(ORDER);
    }

    private static JsonNode order(String field, String json) {
        ObjectNode o = (ObjectNode) order();
        o.set(field, Fixtures.json(json));
        return o;
    }

    private MappedRecord map(String body, JsonNode record) throws Exception {
        return Fixtures.load(dir, body).mapper().map(record);
    }

    private RecordMappingException fails(String body, JsonNode record) throws Exception {
        EntityMapping m = Fixtures.load(dir, body);
        return assertThrows(RecordMappingException.class, () -> m.mapper().map(record));
    }

    @Test
    void requiredDefaultAndMap() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: {path: id, required: true}
                  comment: {path: internalComment, default: none}
                  empty_comment: {path: internalComment, default: ""}
                  store: {path: store.type, map: {DIRECT_TO_CONSUMER: DTC, WHOLESALE: ~}}
                  number_text: {path: number, map: {"166": one-six-six}}
                  status: {path: status, map: {CONFIRMED: C}}
                  paid: {path: paid, type: boolean, default: false}
                  total: {path: grandTotal.value, type: decimal, default: 0}
                """;
        assertArrayEquals(new Object[] {"a1", "none", "", "DTC", "one-six-six", "PENDING", true, new BigDecimal("10.5")},
                map(body, order()).row());
        JsonNode wholesale = order("store", "{\"type\": \"WHOLESALE\"}");
        ((ObjectNode) wholesale).remove("grandTotal");
        ((ObjectNode) wholesale).remove("paid");
        // WHOLESALE maps to null; an absent total takes its default, converted at load
        assertArrayEquals(new Object[] {"a1", "none", "", null, "one-six-six", "PENDING", false, new BigDecimal("0")},
                map(body, wholesale).row());
    }

    @Test
    void requiredMissingNamesColumnAndPath() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                  comment: {path: internalComment, required: true}
                """;
        RecordMappingException e = fails(body, order());
        assertEquals("a1", e.recordKey());
        assertEquals("required column comment (path internalComment) is missing", e.getMessage());
    }

    @Test
    void mapStrictRejectsUnmappedValuesAndMapTargetsAreTyped() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                  status_code: {path: status, type: int, map: {PENDING: 1, CONFIRMED: 2}, mapStrict: true}
                """;
        assertArrayEquals(new Object[] {"a1", 1}, map(body, order()).row());
        RecordMappingException e = fails(body, order("status", "\"SHIPPED\""));
        assertEquals("column status_code (path status): value 'SHIPPED' is not in the map (mapStrict)", e.getMessage());
    }

    @Test
    void unconvertibleValueNamesColumnPathAndValue() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                  number: {path: number, type: long}
                """;
        RecordMappingException e = fails(body, order("number", "\"abc\""));
        assertEquals("a1", e.recordKey());
        assertEquals("column number (path number): cannot convert 'abc' to long", e.getMessage());
        e = fails(body, order("number", "{\"value\": 1}"));
        assertEquals("column number (path number): cannot convert {\"value\":1} (an object) to long", e.getMessage());
    }

    @Test
    void compositeKeyIsJoinedAndAMissingKeyGivesNullKey() throws Exception {
        String body = """
                table: orders
                key: [id, number]
                columns:
                  status: {path: status, type: int}
                  id: id
                  number: {path: number, type: long}
                """;
        // the key is read first, so even a failing earlier column can name the record
        RecordMappingException e = fails(body, order());
        assertEquals("a1|166", e.recordKey());
        assertEquals("column status (path status): cannot convert 'PENDING' to int", e.getMessage());

        ObjectNode noNumber = (ObjectNode) order();
        noNumber.remove("number");
        e = fails(body, noNumber);
        assertNull(e.recordKey());
        assertEquals("required column number (path number) is missing", e.getMessage());

        e = fails(body, Fixtures.json("[1, 2]"));
        assertNull(e.recordKey());
    }

    @Test
    void timezoneAppliesToTimestampsWithoutOffsetAndCursorIsAnInstant() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                  created_at: {path: createdAt, type: timestamp}
                  created_on: {path: createdAt, type: date}
                """;
        EntityMapping m = MappingLoader.load(Fixtures.write(dir, "m", Fixtures.header("m").replace("paging:",
                "incremental: {field: updatedAt, variable: since}\n  paging:") + body, Fixtures.QUERY));
        MappedRecord r = m.mapper().map(order());
        // header timezone Europe/Stockholm: 01:30 local on 2024-03-31 is still CET (+01)
        assertEquals(OffsetDateTime.parse("2024-03-31T00:30:00Z"), r.row()[1]);
        assertEquals(java.time.LocalDate.of(2024, 3, 31), r.row()[2]);
        assertEquals(Instant.parse("2024-03-31T01:30:00Z"), r.cursor());
        RecordMappingException e = assertThrows(RecordMappingException.class,
                () -> m.mapper().map(order("updatedAt", "\"yesterday\"")));
        assertEquals("incremental field updatedAt: cannot convert \"yesterday\" to timestamp", e.getMessage());
        ObjectNode noCursor = (ObjectNode) order();
        noCursor.remove("updatedAt");
        assertNull(m.mapper().map(noCursor).cursor());
        assertNull(Fixtures.load(dir, body).mapper().map(order()).cursor(), "no incremental block, no cursor");
    }

    @Test
    void customAttributes() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                  gift_message: {attribute: gift_wrap.message}
                  gift_paper: {attribute: gift_wrap.paper}
                  campaign: {attribute: campaign.code, default: none}
                  missing: {attribute: gift_wrap.ribbon}
                """;
        assertArrayEquals(new Object[] {"a1", "Hej då", "gold", "none", null}, map(body, order()).row());
        assertArrayEquals(new Object[] {"a1", null, null, "none", null}, map(body, order("attributes", "[]")).row());
        RecordMappingException e = fails(body.replace("{attribute: gift_wrap.ribbon}",
                "{attribute: gift_wrap.ribbon, required: true}"), order());
        assertEquals("required column missing (attribute gift_wrap.ribbon) is missing", e.getMessage());
    }

    @Test
    void jsonataExpressions() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                  label: {expr: "$string(number) & '/' & status"}
                  line_count: {expr: "$count(lines)", type: int}
                  doubled: {expr: "grandTotal.value * 2", type: decimal}
                  nothing: {expr: "noSuchField", default: "-"}
                children:
                  - table: order_lines
                    path: lines[]
                    key: [order_id, line_id]
                    columns:
                      line_id: {path: id, type: long}
                      label: {expr: "$record.status & '#' & $string(id)"}
                """;
        MappedRecord r = map(body, order());
        // $count counts the null element too
        assertArrayEquals(new Object[] {"a1", "166/PENDING", 4, new BigDecimal("21"), "-"}, r.row());
        List<Object[]> lines = r.children().get("order_lines");
        assertArrayEquals(new Object[] {"a1", 1L, "PENDING#1"}, lines.get(0));
        assertArrayEquals(new Object[] {"a1", 3L, "PENDING#3"}, lines.get(2));

        RecordMappingException e = fails("""
                table: orders
                key: [id]
                columns:
                  id: id
                  bad: {expr: "status + 1"}
                """, order());
        assertEquals("a1", e.recordKey());
        assertEquals("column bad (expr status + 1): expression failed: The left side of the \"+\" operator must"
                + " evaluate to a number", e.getMessage());
    }

    @Test
    void childRowsWithPositionEnclosingElementsAndRoot() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                children:
                  - table: order_lines
                    path: lines[]
                    position: line_no
                    columns:
                      line_id: {path: id, type: long}
                      sku: productSize.SKU
                  - table: order_line_allocations
                    path: lines[].allocations[]
                    position: pos
                    key: [order_id, allocation_id]
                    columns:
                      allocation_id: {path: id, type: long}
                      line_id: {path: ^id, type: long}
                      order_number: {path: ^^number, type: long}
                      status: $.status
                      warehouse: warehouse.name
                """;
        EntityMapping m = Fixtures.load(dir, body);
        TableSpec lines = m.childTables().get(0);
        assertEquals(List.of("order_id", "line_no"), lines.key(), "default key: parent key + position");
        assertEquals(List.of("order_id"), lines.parentKeyColumns());
        assertEquals(new ColumnSpec("line_no", ColumnType.INT), lines.columns().get(1));

        MappedRecord r = m.mapper().map(order());
        List<Object[]> lineRows = r.children().get("order_lines");
        assertEquals(3, lineRows.size(), "the null element is skipped");
        assertArrayEquals(new Object[] {"a1", 1, 1L, "A"}, lineRows.get(0));
        assertArrayEquals(new Object[] {"a1", 2, 2L, null}, lineRows.get(1));
        assertArrayEquals(new Object[] {"a1", 3, 3L, null}, lineRows.get(2));

        List<Object[]> allocations = r.children().get("order_line_allocations");
        assertEquals(3, allocations.size());
        // positions count the flattened elements of the record: 1, 2 under line 1, 3 under line 3
        assertArrayEquals(new Object[] {"a1", 1, 11L, 1L, 166L, "PENDING", "Main"}, allocations.get(0));
        assertArrayEquals(new Object[] {"a1", 2, 12L, 1L, 166L, "PENDING", "Second"}, allocations.get(1));
        assertArrayEquals(new Object[] {"a1", 3, 31L, 3L, 166L, "PENDING", null}, allocations.get(2));
    }

    @Test
    void childFailureNamesTableColumnAndElement() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                children:
                  - table: order_lines
                    path: lines[]
                    key: [order_id, line_id]
                    columns:
                      line_id: {path: id, type: long}
                      comment: {path: comment, type: int}
                """;
        RecordMappingException e = fails(body, order());
        assertEquals("a1", e.recordKey());
        assertEquals("column order_lines.comment (path comment) in element 1 of lines[]: cannot convert 'first' to int",
                e.getMessage());
        JsonNode noId = order("lines", "[{\"id\": 1}, {\"quantity\": 3}]");
        e = fails(body.replace("comment: {path: comment, type: int}", "comment: comment"), noId);
        assertEquals("required column order_lines.line_id (path id) in element 2 of lines[] is missing", e.getMessage());
    }

    @Test
    void compositeParentKeyAndExplicitParentKeyNames() throws Exception {
        String body = """
                table: orders
                key: [id, number]
                columns:
                  id: id
                  number: {path: number, type: long}
                children:
                  - table: order_lines
                    path: lines[]
                    parentKey: [parent_id, parent_number]
                    key: [parent_id, parent_number, line_id]
                    columns:
                      line_id: {path: id, type: long}
                  - table: line_items
                    path: lines[]
                    position: n
                """;
        EntityMapping m = Fixtures.load(dir, body);
        TableSpec lines = m.childTables().get(0);
        assertEquals(List.of(new ColumnSpec("parent_id", ColumnType.STRING), new ColumnSpec("parent_number", ColumnType.LONG),
                new ColumnSpec("line_id", ColumnType.LONG)), lines.columns());
        assertEquals(List.of("order_id", "order_number", "n"), m.childTables().get(1).key());
        MappedRecord r = m.mapper().map(order());
        assertArrayEquals(new Object[] {"a1", 166L, 1L}, r.children().get("order_lines").get(0));
        assertArrayEquals(new Object[] {"a1", 166L, 3}, r.children().get("line_items").get(2));
    }

    @Test
    void fallbackPathsTakeTheFirstNonNull() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                children:
                  - table: order_attributes
                    path: attributes[].elements[]
                    key: [order_id, attribute_type, element_key]
                    columns:
                      attribute_type: ^type.name
                      element_key: key
                      element_value: {path: [value, selectedValue]}
                """;
        List<Object[]> rows = map(body, order()).children().get("order_attributes");
        assertArrayEquals(new Object[] {"a1", "gift_wrap", "message", "Hej då"}, rows.get(0));
        assertArrayEquals(new Object[] {"a1", "gift_wrap", "paper", "gold"}, rows.get(1));
        assertArrayEquals(new Object[] {"a1", "campaign", "code", null}, rows.get(2));
    }

    @Test
    void mapperIsThreadSafe() throws Exception {
        String body = """
                table: orders
                key: [id]
                columns:
                  id: id
                  number: {path: number, type: long}
                  label: {expr: "status & '-' & $string(number)"}
                children:
                  - table: order_lines
                    path: lines[]
                    position: line_no
                    columns:
                      quantity: {path: quantity, type: int}
                      label: {expr: "$string($record.number) & ':' & $string(id)"}
                """;
        RecordMapper mapper = Fixtures.load(dir, body).mapper();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        long n = thread * 100_000L + i;
                        MappedRecord r = mapper.map(order("number", Long.toString(n)));
                        Object[] line = r.children().get("order_lines").get(2);
                        if (!r.row()[2].equals("PENDING-" + n) || !line[3].equals(n + ":3")) {
                            return Arrays.toString(r.row()) + " " + Arrays.toString(line);
                        }
                    }
                    return "ok";
                }));
            }
            for (Future<String> f : results) {
                assertEquals("ok", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
