package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Month;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GraphQL output renders exactly the {@link SimOrder} records. */
class OrderRenderingTest {
    static final Instant ANCHOR = Instant.parse("2025-06-15T10:00:00Z");
    static final String ORDER_FIELDS = """
            __typename id number status createdAt updatedAt orderDate currencyBaseRate
            grandTotal { value currency { code } valueInCents formattedValue conversionRate }
            net: grandTotal(includingTax: false) { value }
            totals { quantity cancelledQuantity lineValues { value } shipping { value } taxIncluded { value } }
            store { id type } otherComment internalComment
            lines(includeFullyCancelled: true) {
              __typename id productNumber productName size quantity cancelledQuantity returnedQuantity
              unitPrice { value } net: unitPrice(includingTax: false) { value } unitOriginalPrice { value }
              lineValue { value } taxPercent discountPercent productSize { id SKU EAN }
            }
            visible: lines { id }
            attributes { __typename type { name isMapped } elements { key kind
              ... on AttributeStringElement { value }
              ... on AttributeChoiceElement { selectedValue selectedValueName } } }
            ... on DirectToConsumerOrder { customer { id email firstName lastName } }
            ... on WholesaleOrder { purchaseOrderNumber account { id name } buyer { id email } }
            """;

    static CentraSimulator sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(300).withAnchor(ANCHOR));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    @Test
    void graphqlRendersTheDomainRecordsExactly() {
        Map<Integer, JsonNode> byNumber = new HashMap<>();
        for (int page = 1; page <= 2; page++) {
            client.data("query($p: Int!) { orders(limit: 200, page: $p, sort: [number_ASC]) { " + ORDER_FIELDS + " } }",
                    Map.of("p", page)).get("orders").forEach(n -> byNumber.put(n.get("number").asInt(), n));
        }
        assertEquals(300, byNumber.size());
        for (SimOrder o : sim.store().orders().toList()) {
            JsonNode n = byNumber.get(o.number());
            String at = "order " + o.number();
            assertEquals(o.id(), n.get("id").asText(), at);
            assertEquals(o.typename(), n.get("__typename").asText(), at);
            assertEquals(o.status().name(), n.get("status").asText(), at);
            assertEquals(o.createdAt(), OffsetDateTime.parse(n.get("createdAt").asText()).toInstant(), at);
            assertEquals(o.updatedAt(), OffsetDateTime.parse(n.get("updatedAt").asText()).toInstant(), at);
            assertEquals(o.currencyCode(), n.get("grandTotal").get("currency").get("code").asText(), at);
            assertEquals(0, o.grandTotal().compareTo(dec(n.get("grandTotal").get("value"))), at);
            assertEquals(0, o.grandTotal(false).compareTo(dec(n.get("net").get("value"))), at);
            assertEquals(o.currency().valueInCents(o.grandTotal()), n.get("grandTotal").get("valueInCents").asLong(), at);
            assertEquals(o.totalQuantity(), n.get("totals").get("quantity").asInt(), at);
            assertEquals(o.storeType().name(), n.get("store").get("type").asText(), at);
            assertEquals(o.otherComment(), n.get("otherComment").asText(), at);
            assertEquals(o.internalComment(), n.get("internalComment").isNull() ? null : n.get("internalComment").asText(), at);
            assertEquals(o.allLines().size(), n.get("lines").size(), at);
            for (int i = 0; i < o.allLines().size(); i++) {
                SimLine l = o.allLines().get(i);
                JsonNode ln = n.get("lines").get(i);
                assertEquals(l.id(), ln.get("id").asInt(), at);
                assertEquals(l.typename(), ln.get("__typename").asText(), at);
                assertEquals(l.quantity(), ln.get("quantity").asInt(), at);
                assertEquals(l.cancelledQuantity(), ln.get("cancelledQuantity").asInt(), at);
                assertEquals(0, l.unitPrice().compareTo(dec(ln.get("unitPrice").get("value"))), at);
                assertEquals(0, l.unitPrice(false).compareTo(dec(ln.get("net").get("value"))), at);
                assertEquals(0, l.lineValue().compareTo(dec(ln.get("lineValue").get("value"))), at);
                assertEquals(l.productName(), ln.get("productName").asText(), at);
                if (l.productSize() == null) {
                    assertTrue(ln.get("productSize").isNull(), at);
                } else {
                    assertEquals(l.sku(), ln.get("productSize").get("SKU").asText(), at);
                    assertEquals(l.ean(), ln.get("productSize").get("EAN").isNull() ? null : ln.get("productSize").get("EAN").asText(), at);
                }
            }
            assertEquals(o.attributes().size(), n.get("attributes").size(), at);
            for (int i = 0; i < o.attributes().size(); i++) {
                SimAttribute a = o.attributes().get(i);
                JsonNode an = n.get("attributes").get(i);
                assertEquals(a.typeName(), an.get("type").get("name").asText(), at);
                assertEquals(a.typename(), an.get("__typename").asText(), at);
                SimAttributeElement e = a.elements().get(0);
                JsonNode en = an.get("elements").get(0);
                String value = e.choice() ? e.selectedValue() : e.value();
                JsonNode vn = en.get(e.choice() ? "selectedValue" : "value");
                assertEquals(value, vn.isNull() ? null : vn.asText(), at);
            }
            if (o.customer() != null) {
                assertEquals(o.customer().lastName(), n.get("customer").get("lastName").asText(), at);
            } else {
                assertEquals(o.account().name(), n.get("account").get("name").asText(), at);
            }
        }
    }

    @Test
    void moneyTotalsAddUp() {
        for (SimOrder o : sim.store().orders().toList()) {
            assertEquals(0, o.grandTotal().compareTo(o.lineValues().add(o.shipping())));
            assertTrue(o.grandTotal().scale() <= 2);
            for (SimLine l : o.allLines()) {
                assertEquals(0, l.lineValue().compareTo(l.unitPrice().multiply(BigDecimal.valueOf(l.quantity()))));
            }
        }
    }

    @Test
    void fullyCancelledLinesOnlyWithIncludeFullyCancelled() {
        SimOrder o = sim.store().orders()
                .filter(x -> x.allLines().stream().anyMatch(SimLine::fullyCancelled) && x.status() != OrderStatus.CANCELLED)
                .findFirst().orElseThrow();
        JsonNode n = client.data("query($id: String!) { order(id: $id) { lines { id quantity } all: lines(includeFullyCancelled: true) { id } } }",
                Map.of("id", o.id())).get("order");
        assertEquals(o.lines().size(), n.get("lines").size());
        assertEquals(o.allLines().size(), n.get("all").size());
        assertTrue(n.get("all").size() > n.get("lines").size());
        n.get("lines").forEach(l -> assertTrue(l.get("quantity").asInt() > 0));
    }

    @Test
    void datesRenderInStockholmTimeAcrossDst() {
        SimOrder winter = sim.store().orders().filter(o -> month(o) == Month.JANUARY).findFirst().orElseThrow();
        SimOrder summer = sim.store().orders().filter(o -> month(o) == Month.JULY).findFirst().orElseThrow();
        String q = "query($id: [String!]) { orders(where: {id: $id}) { createdAt o: createdAt(format: \"Y-m-d H:i:s O\") d: orderDate(format: \"Y-m-d\") } }";
        JsonNode w = client.data(q, Map.of("id", List.of(winter.id()))).get("orders").get(0);
        JsonNode s = client.data(q, Map.of("id", List.of(summer.id()))).get("orders").get(0);
        assertTrue(w.get("createdAt").asText().matches("\\d{4}-01-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+01:00"), w.toString());
        assertTrue(s.get("createdAt").asText().matches("\\d{4}-07-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+02:00"), s.toString());
        assertTrue(w.get("o").asText().endsWith(" +0100"));
        assertTrue(s.get("o").asText().endsWith(" +0200"));
        assertEquals(10, w.get("d").asText().length());
    }

    private static Month month(SimOrder o) {
        return o.createdAt().atZone(CentraTime.ZONE).getMonth();
    }

    @Test
    void sameSeedGivesSameDataAndOtherSeedDiffers() {
        SimulatorConfig c = SimulatorConfig.defaults().withOrders(200).withAnchor(ANCHOR);
        List<SimOrder> a = SimStore.create(c).orders().toList();
        List<SimOrder> b = SimStore.create(c).orders().toList();
        assertEquals(a, b);
        List<SimOrder> other = SimStore.create(c.withSeed(7)).orders().toList();
        assertNotEquals(a, other);
        assertEquals(sim.store().orders().limit(200).toList(), a.subList(0, 200).stream()
                .map(o -> SimStore.create(c.withOrders(300)).orderByNumber(o.number()).orElseThrow()).toList());
    }

    @Test
    void dataIsVariedAndAwkward() {
        List<SimOrder> all = sim.store().orders().toList();
        assertEquals(EnumSet.allOf(OrderStatus.class), all.stream().map(SimOrder::status).collect(Collectors.toSet()));
        assertEquals(EnumSet.allOf(StoreType.class), all.stream().map(SimOrder::storeType).collect(Collectors.toSet()));
        Set<String> currencies = all.stream().map(SimOrder::currencyCode).collect(Collectors.toSet());
        assertTrue(currencies.containsAll(Set.of("SEK", "EUR", "USD", "GBP", "DKK", "NOK")), currencies.toString());
        double avgLines = all.stream().mapToInt(o -> o.allLines().size()).average().orElse(0);
        assertTrue(avgLines > 3 && avgLines < 4.5, "avg lines " + avgLines);
        assertTrue(all.stream().anyMatch(o -> o.internalComment() == null));
        assertTrue(all.stream().anyMatch(o -> o.customer() != null && o.customer().email() == null));
        assertTrue(all.stream().flatMap(o -> o.allLines().stream()).anyMatch(l -> l.productSize() != null && l.ean() == null));
        assertTrue(all.stream().flatMap(o -> o.allLines().stream()).anyMatch(l -> l.cancelledQuantity() > 0 && l.quantity() > 0));
        String text = all.stream().map(o -> o.otherComment() + o.allLines().get(0).productName()
                + (o.customer() != null ? o.customer().lastName() : o.account().name())).collect(Collectors.joining());
        for (String s : List.of("ö", "中", "'", "\"", "\\", "😀")) {
            assertTrue(text.contains(s), "contains " + s);
        }
        Instant anchor = sim.store().anchor();
        assertTrue(all.stream().allMatch(o -> !o.createdAt().isAfter(anchor) && !o.updatedAt().isBefore(o.createdAt())));
        assertTrue(all.stream().allMatch(o -> o.updatedAt().getNano() == 0));
        assertTrue(all.get(0).createdAt().isBefore(anchor.minusSeconds(600L * 86_400)));
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).createdAt().isBefore(all.get(i - 1).createdAt()), "createdAt increases with number");
        }
    }

    @Test
    void aFewLongStringsAtScale() {
        SimStore big = SimStore.create(SimulatorConfig.defaults().withOrders(3000).withAnchor(ANCHOR));
        assertTrue(big.orders().anyMatch(o -> o.otherComment().length() > 500));
    }

    @Test
    void touchAndAddAreVisibleAndStampedNow() {
        SimStore store = SimStore.create(SimulatorConfig.defaults().withOrders(100).withAnchor(ANCHOR));
        Map<Integer, SimOrder> before = store.orders().collect(Collectors.toMap(SimOrder::number, o -> o));
        Instant now = Instant.now().minusSeconds(1);
        for (SimOrder t : store.touchOrders(20)) {
            SimOrder b = before.get(t.number());
            assertNotEquals(b, t);
            assertTrue(!t.status().equals(b.status()) || t.totalCancelledQuantity() != b.totalCancelledQuantity()
                    || !java.util.Objects.equals(t.internalComment(), b.internalComment()), "visible change");
            assertFalse(t.updatedAt().isBefore(now));
            assertEquals(b.createdAt(), t.createdAt());
        }
        List<SimOrder> added = store.addOrders(3);
        assertEquals(List.of(101, 102, 103), added.stream().map(SimOrder::number).toList());
        added.forEach(o -> {
            assertEquals(OrderStatus.PENDING, o.status());
            assertFalse(o.createdAt().isBefore(now));
            assertEquals(o.createdAt(), o.updatedAt());
        });
        SimOrder one = store.touch(added.get(0).id());
        assertEquals(1, one.version());
        assertEquals(103, store.orderCount());
    }
}
