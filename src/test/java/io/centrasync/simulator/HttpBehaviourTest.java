package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpBehaviourTest {
    static CentraSimulator sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(50).withToken("s3cret"));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void endpointIsLoopback() {
        assertTrue(sim.endpoint().matches("http://127\\.0\\.0\\.1:\\d+/graphql"), sim.endpoint());
    }

    @Test
    void wrongOrMissingTokenIs403WithJsonBody() {
        SimClient.Reply r = client.raw("{\"query\":\"{ orders { id } }\"}", "wrong");
        assertEquals(403, r.status());
        assertTrue(r.body().get("errors").get(0).get("message").asText().contains("Forbidden"));
        assertEquals(403, client.raw("{\"query\":\"{ orders { id } }\"}", null).status());
    }

    @Test
    void cookieAuthIsAccepted() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.endpoint()))
                .header("Cookie", "graphql-access=s3cret")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ orders(limit: 1) { id } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    @Test
    void brokenQueryIs400WithErrors() {
        SimClient.Reply r = client.post("{ orders(limit: 1 { id } }");
        assertEquals(400, r.status());
        assertTrue(r.body().get("errors").size() > 0);
        assertEquals(400, client.post("{ orders { noSuchField } }").status());
        assertEquals(400, client.raw("{\"query\": ", "s3cret").status());
        assertEquals(400, client.raw("{\"variables\": {}}", "s3cret").status());
        SimClient.Reply badVar = client.post("query($f: DateTimeTz!) { orders(where: {updatedAt: {from: $f}}) { id } }",
                java.util.Map.of("f", "not a date"));
        assertEquals(400, badVar.status());
    }

    @Test
    void otherPathsAndMethods() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(sim.endpoint())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(sim.endpoint().replace("/graphql", "/x")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
    }

    @Test
    void complexityAndPermissionsAreReported() {
        // list: 10 × (1 + lines(no limit → 10 × (1 + 0))) = 110
        SimClient.Reply r = client.post("{ orders(limit: 10) { id lines { id } } }");
        assertEquals(200, r.status());
        assertEquals(110, r.body().get("extensions").get("complexity").asInt());
        assertEquals(List.of("Order:read"), strings(r.body().get("extensions").get("permissionsUsed")));

        // connection: first × (edges → node (1 + 0)) = 5
        r = client.post("{ orderConnection(first: 5) { edges { node { id } } } }");
        assertEquals(5, r.body().get("extensions").get("complexity").asInt());

        r = client.post("{ orders(limit: 2) { id internalComment attributes { description } } }");
        List<String> perms = strings(r.body().get("extensions").get("permissionsUsed"));
        assertTrue(perms.containsAll(List.of("Order:read", "Order.attributes:read", "Order.internalComment:read")), perms.toString());
    }

    @Test
    void rateLimitsQueryAnswersWithoutPermissions() {
        JsonNode rl = client.data("{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }", null).get("rateLimits");
        assertEquals(6, rl.size());
        assertEquals(List.of(), strings(client.post("{ rateLimits { type } }").body().get("extensions").get("permissionsUsed")));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
