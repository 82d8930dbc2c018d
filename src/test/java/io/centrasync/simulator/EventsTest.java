package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events system as Centra's docs describe it (research section 11): listeners, oldest unconfirmed first, confirm. */
class EventsTest {

    static final String PULL = """
            query pull($limit: Int) {
              events(where: {objectType: [Order, PurchaseOrder, StockChange]}, limit: $limit) {
                id objectType changeType objectReference createdAt store { id } market { id }
                object { __typename ... on Order { orderId: id number } ... on PurchaseOrder { purchaseOrderId: id } }
              }
            }""";
    static final String CONFIRM = "mutation ack($ids: [Int!]!) { confirmEvents(input: {eventsIds: $ids}) { userErrors { message path } } }";

    CentraSimulator sim;
    SimClient client;

    @BeforeEach
    void start() {
        sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(20));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void nothingIsQueuedWithoutAListener() {
        sim.store().touchOrders(3);
        assertEquals(0, events(100).size());
    }

    @Test
    void theOldestUnconfirmedComeFirstAndStayUntilConfirmed() {
        JsonNode set = client.data("mutation { setEventListeners(input: [{objectType: Order}, {objectType: PurchaseOrder,"
                + " changeTypes: [UPDATED]}]) { eventListeners { objectType changeTypes } userErrors { message } } }", null);
        assertEquals(2, set.at("/setEventListeners/eventListeners").size());
        SimOrder touched = sim.store().touchOrders(1).get(0);
        SimOrder added = sim.store().addOrders(1).get(0);
        SimPurchaseOrder po = sim.store().touchPurchaseOrders(1).get(0);
        sim.store().changeStock(2); // no StockChange listener: nothing queued

        List<JsonNode> first = events(2);
        assertEquals(List.of("Order UPDATED " + touched.number(), "Order CREATED " + added.number()), describe(first));
        assertEquals(touched.id(), first.get(0).at("/object/orderId").asText(), "the object as it is now");
        assertEquals(describe(first), describe(events(2)), "the same ones until confirmed");

        client.data(CONFIRM, Map.of("ids", ids(first)));
        List<JsonNode> rest = events(100);
        assertEquals(List.of("PurchaseOrder UPDATED " + po.id()), describe(rest));
        client.data(CONFIRM, Map.of("ids", ids(rest)));
        assertEquals(0, events(100).size());
    }

    @Test
    void aDeletedOrderIsGoneAndItsEventHasNoObject() {
        client.data("mutation { setEventListeners(input: [{objectType: Order, changeTypes: [DELETED]}]) { userErrors { message } } }",
                null);
        SimOrder gone = sim.store().orders().skip(4).findFirst().orElseThrow();
        sim.store().touchOrders(3); // no UPDATED listener
        assertTrue(sim.store().deleteOrder(gone.id()));
        assertEquals(19, sim.store().orderCount());
        assertEquals(19, client.data("{ orderConnection(first: 50) { totalCount edges { node { id } } } }", null)
                .at("/orderConnection/edges").size(), "no query finds it");
        assertTrue(sim.store().order(gone.id()).isEmpty());
        List<JsonNode> events = events(100);
        assertEquals(List.of("Order DELETED " + gone.number()), describe(events));
        assertTrue(events.get(0).get("object").isNull(), "no object for DELETED");
        assertTrue(!sim.store().deleteOrder(gone.id()), "once");
    }

    @Test
    void unsettingAListenerDropsItsQueuedEvents() {
        client.data("mutation { setEventListeners(input: [{objectType: Order}]) { userErrors { message } } }", null);
        sim.store().touchOrders(2);
        assertEquals(2, events(100).size());
        client.data("mutation { unsetEventListeners(input: [{objectType: Order}]) { eventListeners { objectType } } }", null);
        assertEquals(0, events(100).size());
        assertEquals(0, client.data("{ eventListeners { objectType } }", null).at("/eventListeners").size());
    }

    @Test
    void eventsNeedTheEventPermissions() {
        JsonNode used = client.post("{ events(limit: 1) { id } }").body().at("/extensions/permissionsUsed");
        assertTrue(used.toString().contains("Event:read"), used.toString());
    }

    private List<JsonNode> events(int limit) {
        List<JsonNode> out = new ArrayList<>();
        client.data(PULL, Map.of("limit", limit)).at("/events").forEach(out::add);
        return out;
    }

    private static List<String> describe(List<JsonNode> events) {
        return events.stream().map(e -> e.get("objectType").asText() + " " + e.get("changeType").asText() + " "
                + e.get("objectReference").asText()).toList();
    }

    private static List<Integer> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asInt()).toList();
    }
}
