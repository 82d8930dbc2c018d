package io.centrasync.it;

import com.sun.net.httpserver.HttpServer;
import io.centrasync.camel.SyncApplication;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Centra token goes to Centra's endpoint and nowhere else: another GraphQL endpoint in the same
 * CamelContext (a host's route calling some other service) gets no Authorization header from us.
 */
class TokenScopeTest {

    @Test
    void anotherGraphqlEndpointInTheContextGetsNoToken() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/graphql", ex -> {
            // what was sent is not kept: a failing assertion must not print a token
            authorizations.add(ex.getRequestHeaders().containsKey("Authorization") ? "Authorization" : "none");
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"data\":{\"ping\":\"pong\"}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        other.start();
        String otherUri = "graphql:http://127.0.0.1:" + other.getAddress().getPort() + "/graphql?query={ping}";
        try (SyncHarness h = new SyncHarness(30, "mappings/default"); SyncApplication app = h.app()) {
            app.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:host-graphql").routeId("host-graphql").to(otherUri);
                }
            });
            // ours first, so that a client bound for the whole component would be in use by then
            SyncApplication.RunResult ours = app.runOnce("orders", true);
            assertNull(ours.error(), "our own sync reached Centra with the token");
            assertEquals(30, h.count("orders"));

            String answer = app.context().createProducerTemplate().requestBody("direct:host-graphql", "", String.class);
            assertTrue(answer.contains("pong"), answer);
            assertEquals(List.of("none"), authorizations, "the other service got no Authorization header");
        } finally {
            other.stop(0);
        }
    }
}
