package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderPagingTest {
    static final Instant ANCHOR = Instant.parse("2025-06-15T10:00:00Z");
    static final String PAGE = """
            query Page($first: Int, $after: String, $last: Int, $before: String, $sort: [OrderSort!], $where: OrderFilter) {
              orderConnection(first: $first, after: $after, last: $last, before: $before, sort: $sort, where: $where) {
                totalCount
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { id number updatedAt createdAt } }
              }
            }""";

    CentraSimulator sim;
    SimClient client;

    @BeforeEach
    void start() {
        sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(100).withAnchor(ANCHOR));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Pages forward with page size {@code size}; runs {@code between} after every page. */
    List<JsonNode> pageAll(String sort, Map<String, Object> where, int size, Runnable between) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        for (int guard = 0; guard < 1000; guard++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", size);
            vars.put("after", after);
            vars.put("sort", List.of(sort));
            vars.put("where", where);
            JsonNode conn = client.data(PAGE, vars).get("orderConnection");
            conn.get("edges").forEach(e -> nodes.add(e.get("node")));
            between.run();
            if (!conn.get("pageInfo").get("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = conn.get("pageInfo").get("endCursor").asText();
        }
        throw new AssertionError("paging did not end");
    }

    static List<Integer> numbers(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.get("number").asInt()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"number_ASC", "number_DESC", "id_ASC", "id_DESC", "orderDate_DESC", "createdAt_ASC",
        "updatedAt_ASC", "updatedAt_DESC"})
    void cursorPagingReturnsEveryOrderOnceInSortOrder(String sort) {
        List<Integer> seen = numbers(pageAll(sort, null, 7, () -> { }));
        assertEquals(100, seen.size());
        assertEquals(100, new HashSet<>(seen).size());

        Comparator<SimOrder> cmp = switch (sort.substring(0, sort.indexOf('_'))) {
            case "id" -> Comparator.comparing(SimOrder::id);
            case "number" -> Comparator.comparingInt(SimOrder::number);
            case "updatedAt" -> Comparator.comparing(SimOrder::updatedAt).thenComparingInt(SimOrder::number);
            default -> Comparator.comparing(SimOrder::createdAt).thenComparingInt(SimOrder::number);
        };
        if (sort.endsWith("_DESC")) {
            cmp = cmp.reversed();
        }
        List<Integer> expected = sim.store().orders().sorted(cmp).map(SimOrder::number).toList();
        assertEquals(expected, seen);
    }

    @Test
    void defaultSortIsOrderDateDescending() {
        JsonNode conn = client.data("{ orderConnection(first: 3) { edges { node { number } } } }", null).get("orderConnection");
        assertEquals(100, conn.get("edges").get(0).get("node").get("number").asInt());
        assertEquals(99, conn.get("edges").get(1).get("node").get("number").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"number_ASC", "updatedAt_ASC", "updatedAt_DESC", "id_ASC", "orderDate_ASC", "number_DESC"})
    void pagingWhileOrdersChangeSkipsNothingThatExistedAtStart(String sort) {
        Set<Integer> atStart = sim.store().orders().map(SimOrder::number).collect(Collectors.toSet());
        Set<Integer> touched = new HashSet<>();
        List<Integer> seen = numbers(pageAll(sort, null, 7, () -> {
            sim.store().touchOrders(3).forEach(o -> touched.add(o.number()));
            sim.store().addOrders(1);
        }));
        if (sort.equals("updatedAt_DESC")) {
            // inherent to keyset paging on a mutable key: a touched order jumps ahead of the cursor;
            // it must not make any *other* order disappear
            atStart.removeAll(touched);
        }
        assertTrue(new HashSet<>(seen).containsAll(atStart), "missing: " + diff(atStart, seen));
        if (sort.equals("number_ASC") || sort.equals("orderDate_ASC")) {
            // new orders sort after every cursor: they must show up too
            assertTrue(seen.stream().anyMatch(n -> n > 100), "added orders appear on later pages");
        }
    }

    @Test
    void pagingWithUpdatedAtFilterWhileTouchingSeesEveryOriginalMatch() {
        Map<String, Object> where = Map.of("updatedAt", Map.of("from", "2024-06-01 00:00:00"));
        Set<Integer> atStart = sim.store().orders()
                .filter(o -> !o.updatedAt().isBefore(CentraTime.parse("2024-06-01 00:00:00")))
                .map(SimOrder::number).collect(Collectors.toSet());
        List<Integer> seen = numbers(pageAll("updatedAt_ASC", where, 5, () -> sim.store().touchOrders(4)));
        assertTrue(new HashSet<>(seen).containsAll(atStart), "missing: " + diff(atStart, seen));
    }

    private static Set<Integer> diff(Set<Integer> expected, List<Integer> seen) {
        Set<Integer> d = new HashSet<>(expected);
        seen.forEach(d::remove);
        return d;
    }

    @Test
    void backwardPagingWithLastAndBefore() {
        List<Integer> backward = new ArrayList<>();
        String before = null;
        while (true) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("last", 9);
            vars.put("before", before);
            vars.put("sort", List.of("number_ASC"));
            JsonNode conn = client.data(PAGE, vars).get("orderConnection");
            List<Integer> page = new ArrayList<>();
            conn.get("edges").forEach(e -> page.add(e.get("node").get("number").asInt()));
            backward.addAll(0, page);
            if (!conn.get("pageInfo").get("hasPreviousPage").asBoolean()) {
                break;
            }
            before = conn.get("pageInfo").get("startCursor").asText();
        }
        assertEquals(sim.store().orders().map(SimOrder::number).toList(), backward);
    }

    @Test
    void pageBasedListCoversAllOrders() {
        List<Integer> seen = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode list = client.data("query($p: Int!) { orders(limit: 30, page: $p, sort: [number_ASC]) { number } }",
                    Map.of("p", page)).get("orders");
            list.forEach(n -> seen.add(n.get("number").asInt()));
            if (list.size() < 30) {
                break;
            }
        }
        assertEquals(sim.store().orders().map(SimOrder::number).toList(), seen);
    }

    @Test
    void limitAbove200IsAGraphQLError() {
        SimClient.Reply r = client.post("{ orders(limit: 201) { id } }");
        assertEquals(200, r.status());
        assertTrue(r.body().get("errors").get(0).get("message").asText().contains("1 - 200"));
        r = client.post("{ orderConnection(first: 500) { totalCount } }");
        assertTrue(r.body().has("errors"));
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        String cursor = client.data(PAGE, Map.of("first", 2, "sort", List.of("number_ASC")))
                .get("orderConnection").get("pageInfo").get("endCursor").asText();
        SimClient.Reply r = client.post(PAGE, Map.of("first", 2, "after", cursor, "sort", List.of("updatedAt_ASC")));
        assertTrue(r.body().get("errors").get(0).get("message").asText().contains("Cursor"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-10 00:00:00", "2025-01-09T23:00:00Z", "2025-01-09T23:00:00+00:00",
        "2025-01-09T23:00:00+0000", "2025-01-10T00:00:00+01:00"})
    void updatedAtRangeFilterAcceptsCentraDateForms(String from) {
        // all forms denote 2025-01-10 00:00 in Stockholm (CET, +01:00)
        Instant f = Instant.parse("2025-01-09T23:00:00Z");
        Instant t = Instant.parse("2025-04-01T00:00:00Z");
        Map<String, Object> where = Map.of("updatedAt", Map.of("from", from, "to", "2025-04-01T00:00:00Z"));
        List<Integer> seen = numbers(pageAll("number_ASC", where, 7, () -> { }));
        List<Integer> expected = sim.store().orders()
                .filter(o -> !o.updatedAt().isBefore(f) && !o.updatedAt().isAfter(t))
                .map(SimOrder::number).toList();
        assertFalse(expected.isEmpty());
        assertEquals(expected, seen);
        int total = client.data(PAGE, Map.of("first", 1, "where", where)).get("orderConnection").get("totalCount").asInt();
        assertEquals(expected.size(), total);
    }

    @Test
    void rangeBoundsAreInclusive() {
        SimOrder o = sim.store().orderByNumber(42).orElseThrow();
        String at = CentraTime.format(o.updatedAt(), "Y-m-d H:i:s");
        Map<String, Object> where = Map.of("updatedAt", Map.of("from", at, "to", at), "number", List.of(42));
        assertEquals(1, client.data(PAGE, Map.of("first", 5, "where", where)).get("orderConnection").get("edges").size());
    }

    @Test
    void filtersByStatusStoreTypeIdAndNumber() {
        SimOrder o = sim.store().orderByNumber(17).orElseThrow();
        Map<String, Object> where = Map.of("id", List.of(o.id()), "status", List.of(o.status().name()),
                "storeType", o.storeType().name());
        JsonNode edges = client.data(PAGE, Map.of("first", 5, "where", where)).get("orderConnection").get("edges");
        assertEquals(1, edges.size());
        assertEquals(o.id(), edges.get(0).get("node").get("id").asText());

        long wholesale = sim.store().orders().filter(x -> x.storeType() == StoreType.WHOLESALE).count();
        int total = client.data(PAGE, Map.of("first", 1, "where", Map.of("storeType", "WHOLESALE")))
                .get("orderConnection").get("totalCount").asInt();
        assertEquals(wholesale, total);
    }
}
