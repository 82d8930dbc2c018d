package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryAndSupplierTest {
    static final DateTimeFormatter PO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
    static final String STOCK = """
            query($wh: [Int!], $page: Int!) { warehouses(where: {id: $wh}) { id name status
              stock(limit: 50, page: $page) { physicalQuantity allocatedQuantity freeToAllocateQuantity availableNowQuantity
                availableQuantity demandQuantity incomingQuantity linkedIncomingQuantity unlinkedIncomingQuantity
                onDeliveryQuantity unshippedQuantity productSize { id SKU EAN } warehouse { id } } } }""";

    CentraSimulator sim;
    SimClient client;

    @BeforeEach
    void start() {
        sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(10).withProductSizes(120)
                .withWarehouses(5).withPurchaseOrders(60).withAnchor(Instant.parse("2025-03-01T00:00:00Z")));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** All stock rows over GraphQL, keyed "warehouse/size". */
    Map<String, JsonNode> stockOverGraphql() {
        Map<String, JsonNode> rows = new HashMap<>();
        for (SimWarehouse w : sim.store().warehouses()) {
            for (int page = 1; ; page++) {
                JsonNode stock = client.data(STOCK, Map.of("wh", List.of(w.id()), "page", page))
                        .get("warehouses").get(0).get("stock");
                stock.forEach(s -> rows.put(w.id() + "/" + s.get("productSize").get("id").asInt(), s));
                if (stock.size() < 50) {
                    break;
                }
            }
        }
        return rows;
    }

    @Test
    void stockRowsMatchTheStoreAndAreConsistent() {
        assertEquals(5, client.data("{ warehouses { id } }", null).get("warehouses").size());
        Map<String, JsonNode> rows = stockOverGraphql();
        List<SimStock> expected = sim.store().stock();
        assertEquals(expected.size(), rows.size());
        assertTrue(expected.size() > 0.85 * 5 * 120 && expected.size() < 5 * 120, "≈ warehouses × sizes");
        for (SimStock s : expected) {
            JsonNode n = rows.get(s.warehouseId() + "/" + s.productSizeId());
            assertNotNull(n);
            assertEquals(s.physicalQuantity(), n.get("physicalQuantity").asInt());
            assertEquals(s.freeToAllocateQuantity(), n.get("freeToAllocateQuantity").asInt());
            assertEquals(n.get("physicalQuantity").asInt(),
                    n.get("freeToAllocateQuantity").asInt() + n.get("allocatedQuantity").asInt());
            assertEquals(n.get("incomingQuantity").asInt(),
                    n.get("linkedIncomingQuantity").asInt() + n.get("unlinkedIncomingQuantity").asInt());
            assertEquals(n.get("availableNowQuantity").asInt(),
                    n.get("freeToAllocateQuantity").asInt() - n.get("demandQuantity").asInt());
            assertTrue(s.freeToAllocateQuantity() >= 0);
        }
    }

    @Test
    void stockHooksAreVisible() {
        SimStock first = sim.store().stock().get(0);
        sim.store().setStock(first.warehouseId(), first.productSizeId(), 500, 7);
        assertTrue(sim.store().removeStock(2, 3) || true);
        List<SimStock> changed = sim.store().changeStock(10);
        assertEquals(10, changed.size());
        Map<String, JsonNode> rows = stockOverGraphql();
        assertEquals(493, rows.get(first.warehouseId() + "/" + first.productSizeId()).get("freeToAllocateQuantity").asInt());
        assertFalse(rows.containsKey("2/3"));
        for (SimStock s : changed) {
            assertEquals(s.physicalQuantity(), rows.get(s.warehouseId() + "/" + s.productSizeId()).get("physicalQuantity").asInt());
        }
        assertEquals(sim.store().stock().size(), rows.size());
    }

    @Test
    void stockFiltersAndProductSizeView() {
        JsonNode s = client.data("{ warehouses(where: {id: [1]}) { stock(where: {productSizeId: [5, 6, 7]}, limit: 200) { productSize { id } } } }", null)
                .get("warehouses").get(0).get("stock");
        Set<Integer> ids = new HashSet<>();
        s.forEach(n -> ids.add(n.get("productSize").get("id").asInt()));
        assertTrue(Set.of(5, 6, 7).containsAll(ids));
        JsonNode ps = client.data("{ productSizes(where: {id: [9]}) { id SKU stock { warehouse { id } physicalQuantity } } }", null)
                .get("productSizes").get(0);
        long expected = sim.store().stock().stream().filter(x -> x.productSizeId() == 9).count();
        assertEquals(expected, ps.get("stock").size());
        SimClient.Reply r = client.post("{ warehouses { stock(limit: 201) { physicalQuantity } } }");
        assertTrue(r.body().has("errors"));
        List<String> perms = new ArrayList<>();
        client.post("{ warehouses { stock(limit: 1) { freeToAllocateQuantity } } }").body().get("extensions")
                .get("permissionsUsed").forEach(p -> perms.add(p.asText()));
        assertTrue(perms.contains("Warehouse.stock:read"), perms.toString());
    }

    /** Size ids of warehouse 1's stock rows in the order {@code sort} gives, read in pages of 50. */
    List<Integer> stockOrder(String sort) {
        List<Integer> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode rows = client.data("{ warehouses(where: {id: [1]}) { stock(limit: 50, page: " + page + sort
                    + ") { productSize { id } } } }", null).get("warehouses").get(0).get("stock");
            rows.forEach(r -> ids.add(r.get("productSize").get("id").asInt()));
            if (rows.size() < 50) {
                return ids;
            }
        }
    }

    @Test
    void stockSortsByCentrasDocumentedValuesOnly() {
        List<Integer> byDefault = stockOrder("");
        List<Integer> sizesInWarehouse1 = sim.store().stock().stream().filter(s -> s.warehouseId() == 1)
                .map(SimStock::productSizeId).sorted().toList();
        assertEquals(sizesInWarehouse1, byDefault, "the default: product, variant, size sort (size ids follow them)");
        assertEquals(byDefault, stockOrder(", sort: [productId_ASC, productVariantId_ASC, productSizeSort_ASC]"));

        ProductCatalog catalog = sim.store().catalog();
        List<Integer> expected = new ArrayList<>(byDefault);
        expected.sort(java.util.Comparator.comparingInt((Integer id) -> catalog.size(id).sizeSort())
                .thenComparing(id -> -catalog.size(id).productId()));
        assertEquals(expected, stockOrder(", sort: [productSizeSort_ASC, productId_DESC]"), "paged stably in any order");

        SimClient.Reply old = client.post("{ warehouses { stock(sort: [productSizeId_ASC]) { physicalQuantity } } }");
        assertEquals(400, old.status(), "productSizeId_* is in no Centra document");
    }

    @Test
    void purchaseOrdersRenderTheStoreRecords() {
        JsonNode list = client.data("""
                { purchaseOrders(limit: 200) { id status createdAt updatedAt ETA currency { code } supplier { id }
                  preferredWarehouse { id } lines { quantity linkedQuantity unlinkedQuantity unitCost { value } productSize { id } }
                  purchaseOrderDeliveries(limit: 200) { id number status createdAt lines { quantity landedCost { value } } } } }""", null)
                .get("purchaseOrders");
        List<SimPurchaseOrder> pos = sim.store().purchaseOrders();
        assertEquals(pos.size(), list.size());
        Map<Integer, List<SimPurchaseOrderDelivery>> byPo = sim.store().purchaseOrderDeliveries().stream()
                .collect(Collectors.groupingBy(SimPurchaseOrderDelivery::purchaseOrderId));
        for (int i = 0; i < pos.size(); i++) {
            SimPurchaseOrder po = pos.get(i);
            JsonNode n = list.get(i);
            assertEquals(po.id(), n.get("id").asInt());
            assertEquals(po.status().name(), n.get("status").asText());
            assertTrue(n.get("createdAt").asText().matches(".*[+-]\\d{4}$"), "PO dates use O (no colon)");
            assertEquals(po.updatedAt(), OffsetDateTime.parse(n.get("updatedAt").asText(), PO_DATE).toInstant());
            assertEquals(po.eta() == null, n.get("ETA").isNull());
            assertEquals(po.lines().size(), n.get("lines").size());
            for (int k = 0; k < po.lines().size(); k++) {
                SimPurchaseOrderLine l = po.lines().get(k);
                JsonNode ln = n.get("lines").get(k);
                assertEquals(l.quantity(), ln.get("linkedQuantity").asInt() + ln.get("unlinkedQuantity").asInt());
                assertEquals(0, l.unitCost().compareTo(new BigDecimal(ln.get("unitCost").get("value").asText())));
            }
            List<SimPurchaseOrderDelivery> ds = byPo.getOrDefault(po.id(), List.of());
            assertEquals(ds.size(), n.get("purchaseOrderDeliveries").size());
            for (SimPurchaseOrderDelivery d : ds) {
                assertFalse(d.createdAt().isBefore(po.createdAt()));
                assertFalse(d.createdAt().isAfter(po.updatedAt()));
            }
        }
        Set<PurchaseOrderStatus> statuses = pos.stream().map(SimPurchaseOrder::status).collect(Collectors.toSet());
        assertTrue(statuses.size() >= 4, statuses.toString());
    }

    @Test
    void purchaseOrderConnectionPagesByKeysetWhileChanging() {
        String q = """
                query($after: String) { purchaseOrderConnection(first: 7, after: $after, sort: [updatedAt_ASC]) {
                  totalCount pageInfo { hasNextPage endCursor } edges { node { id updatedAt } } } }""";
        Set<Integer> atStart = sim.store().purchaseOrders().stream().map(SimPurchaseOrder::id).collect(Collectors.toSet());
        Set<Integer> seen = new HashSet<>();
        String after = null;
        while (true) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonNode c = client.data(q, vars).get("purchaseOrderConnection");
            c.get("edges").forEach(e -> seen.add(e.get("node").get("id").asInt()));
            sim.store().touchPurchaseOrders(2);
            if (!c.get("pageInfo").get("hasNextPage").asBoolean()) {
                break;
            }
            after = c.get("pageInfo").get("endCursor").asText();
        }
        assertTrue(seen.containsAll(atStart));
    }

    @Test
    void purchaseOrderUpdatedAtFilterAndHooks() {
        Instant before = Instant.now().minusSeconds(1);
        SimPurchaseOrder touched = sim.store().touchPurchaseOrder(5);
        SimPurchaseOrderDelivery added = sim.store().addDelivery(7);
        SimPurchaseOrderDelivery first = sim.store().purchaseOrderDeliveries().get(0);
        SimPurchaseOrderDelivery moved = sim.store().setDeliveryStatus(first.id(), PurchaseOrderDeliveryStatus.INSERTED);
        assertFalse(touched.updatedAt().isBefore(before));
        assertEquals(PurchaseOrderDeliveryStatus.INSERTED, added.status());
        assertEquals(PurchaseOrderDeliveryStatus.INSERTED, moved.status());

        JsonNode recent = client.data("query($f: DateTimeTz!) { purchaseOrders(where: {updatedAt: {from: $f}}, limit: 200) { id } }",
                Map.of("f", before.toString())).get("purchaseOrders");
        Set<Integer> ids = new HashSet<>();
        recent.forEach(n -> ids.add(n.get("id").asInt()));
        assertEquals(Set.of(5, 7, first.purchaseOrderId()), ids);

        JsonNode d = client.data("query($id: [Int!]) { purchaseOrderDeliveries(where: {id: $id}) { number status createdAt purchaseOrder { id } } }",
                Map.of("id", List.of(added.id()))).get("purchaseOrderDeliveries").get(0);
        assertEquals(7, d.get("purchaseOrder").get("id").asInt());
        assertEquals("INSERTED", d.get("status").asText());
        assertEquals(added.number(), d.get("number").asText());

        JsonNode inserted = client.data("{ purchaseOrderDeliveries(where: {status: INSERTED}, limit: 200) { id } }", null)
                .get("purchaseOrderDeliveries");
        long expected = sim.store().purchaseOrderDeliveries().stream()
                .filter(x -> x.status() == PurchaseOrderDeliveryStatus.INSERTED).count();
        assertEquals(expected, inserted.size());
    }

    @Test
    void deliveryConnectionCoversAllDeliveries() {
        Set<Integer> seen = new HashSet<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonNode c = client.data("query($after: String) { purchaseOrderDeliveryConnection(first: 4, after: $after, sort: [createdAt_DESC]) { pageInfo { hasNextPage endCursor } edges { node { id } } } }", vars)
                    .get("purchaseOrderDeliveryConnection");
            c.get("edges").forEach(e -> assertTrue(seen.add(e.get("node").get("id").asInt())));
            after = c.get("pageInfo").get("hasNextPage").asBoolean() ? c.get("pageInfo").get("endCursor").asText() : null;
        } while (after != null);
        assertEquals(sim.store().purchaseOrderDeliveries().size(), seen.size());
    }
}
