package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code check} needs of the simulator: introspection, {@code permissionsUsed}, and a permission withheld like Centra does. */
class PermissionsTest {

    private static final String ORDERS = "{ orderConnection(first: 1) { edges { node { id attributes { type { name } } } } } }";

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void everyAnswerSaysThePermissionsItUsedAndIntrospectionWorks() {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(3))) {
            SimClient client = new SimClient(sim);
            SimClient.Reply r = client.post(ORDERS);
            assertEquals(200, r.status());
            assertFalse(r.body().has("errors"), r.body().toString());
            assertEquals(List.of("Order.attributes:read", "Order:read"), texts(r.body().at("/extensions/permissionsUsed")));
            SimClient.Reply schema = client.post(IntrospectionQuery.INTROSPECTION_QUERY);
            assertEquals(200, schema.status());
            assertTrue(schema.body().at("/data/__schema/types").size() > 20, schema.body().toString());
        }
    }

    @Test
    void aWithheldPermissionIsAnAuthorizationErrorForTheFieldThatNeedsIt() {
        SimulatorConfig config = SimulatorCli.parse(new String[]{"--port", "0", "--orders", "3", "--withhold", "Order.attributes:read"});
        assertEquals(Set.of("Order.attributes:read"), config.withheld());
        try (CentraSimulator sim = CentraSimulator.start(config)) {
            SimClient.Reply r = new SimClient(sim).post(ORDERS);
            assertEquals(200, r.status());
            JsonNode error = r.body().at("/errors/0");
            assertEquals("You need Order.attributes:read permission to access attributes.", error.path("message").asText(), r.body().toString());
            assertEquals("authorization", error.at("/extensions/category").asText());
            assertTrue(texts(r.body().at("/extensions/permissionsUsed")).contains("Order.attributes:read"));
            // what needs no withheld permission is read as ever
            SimClient.Reply stock = new SimClient(sim).post("{ warehouses { id name } }");
            assertFalse(stock.body().has("errors"), stock.body().toString());
        }
    }

    @Test
    void withholdingTheTypesPermissionRefusesTheRootFieldAsCentraSaysIt() {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(3).withWithheld(Set.of("Order:read")))) {
            SimClient.Reply r = new SimClient(sim).post(ORDERS);
            assertEquals(200, r.status());
            assertEquals("You need Order:read permission to access orderConnection.", r.body().at("/errors/0/message").asText(),
                    r.body().toString());
            assertEquals("orderConnection", r.body().at("/errors/0/path/0").asText());
        }
    }

    @Test
    void aBadPermissionNameIsOneLine() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SimulatorCli.parse(new String[]{"--withhold", "orders"}));
        assertEquals("--withhold takes Centra permissions such as Order.attributes:read, got 'orders'", e.getMessage());
    }
}
