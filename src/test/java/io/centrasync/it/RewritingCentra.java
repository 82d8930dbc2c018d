package io.centrasync.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stand-in Centra on loopback that passes every request to the simulator and changes its JSON answers on
 * the way back ({@code rewrite}), to serve records the simulator would never make: what a real store may hold.
 */
final class RewritingCentra implements AutoCloseable {

    private static final List<String> PASSED_HEADERS = List.of("Authorization", "Content-Type", "Accept");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final URI upstream;
    private final Consumer<JsonNode> rewrite;

    private RewritingCentra(String upstreamEndpoint, Consumer<JsonNode> rewrite) throws IOException {
        this.upstream = URI.create(upstreamEndpoint);
        this.rewrite = rewrite;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::pass);
        server.start();
    }

    /** Passes requests to {@code upstreamEndpoint}; {@code rewrite} may change each answer's JSON in place. */
    static RewritingCentra of(String upstreamEndpoint, Consumer<JsonNode> rewrite) throws IOException {
        return new RewritingCentra(upstreamEndpoint, rewrite);
    }

    /** The endpoint to give the connector instead of the simulator's. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + upstream.getRawPath();
    }

    private void pass(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getRawPath()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            for (String name : PASSED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = answer.body();
            if (answer.statusCode() == 200) {
                JsonNode tree = json.readTree(body);
                rewrite.accept(tree);
                body = json.writeValueAsString(tree);
            }
            answer.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().add("Retry-After", v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
