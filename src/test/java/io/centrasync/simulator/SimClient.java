package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Minimal GraphQL client for the simulator tests. */
final class SimClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Status, headers and parsed body (null if not JSON). */
    record Reply(int status, HttpResponse<String> raw, JsonNode body) {
        JsonNode data() {
            return body.get("data");
        }
    }

    private final String endpoint;
    private final String token;

    SimClient(CentraSimulator sim) {
        this(sim.endpoint(), sim.token());
    }

    SimClient(String endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    Reply post(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null) {
            body.put("variables", variables);
        }
        try {
            return raw(JSON.writeValueAsString(body), token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply post(String query) {
        return post(query, null);
    }

    /** Posts a query and fails unless the answer is 200 without errors. */
    JsonNode data(String query, Map<String, Object> variables) {
        Reply r = post(query, variables);
        if (r.status() != 200 || r.body().has("errors")) {
            throw new AssertionError("Unexpected reply " + r.status() + ": " + r.raw().body());
        }
        return r.data();
    }

    Reply raw(String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> resp = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node;
            try {
                node = JSON.readTree(resp.body());
            } catch (IOException e) {
                node = null;
            }
            return new Reply(resp.statusCode(), resp, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
