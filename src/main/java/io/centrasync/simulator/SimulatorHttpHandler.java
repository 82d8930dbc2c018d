package io.centrasync.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /graphql}: Bearer auth (403 on a missing or wrong token, like Centra), JSON body
 * {@code {"query","variables","operationName"}} (400 if malformed), injected faults, then
 * {@link GraphQLEndpoint}.
 */
final class SimulatorHttpHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(SimulatorHttpHandler.class.getName());

    /** Writes doubles without exponent (1.2345678E7 would be legal JSON but unlike Centra's PHP). */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Double.class, new StdSerializer<>(Double.class) {
                @Override
                public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                    if (v.isNaN() || v.isInfinite()) {
                        g.writeNull();
                    } else {
                        g.writeNumber(BigDecimal.valueOf(v).toPlainString());
                    }
                }
            }));

    private final String token;
    private final GraphQLEndpoint endpoint;
    private final FaultInjector faults;
    private final AtomicLong requests = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();

    SimulatorHttpHandler(String token, GraphQLEndpoint endpoint, FaultInjector faults) {
        this.token = token;
        this.endpoint = endpoint;
        this.faults = faults;
    }

    /** The most queries that were being executed at the same time. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals("/graphql")) {
                send(ex, 404, message("Not found"), Map.of());
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, message("Use POST"), Map.of("Allow", "POST"));
                return;
            }
            byte[] requestBody = ex.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            if (!authorised(ex)) {
                send(ex, 403, message("Forbidden: the provided token was invalid or expired"), Map.of());
                return;
            }
            FaultInjector.Fault fault = faults.poll();
            if (fault != null && fault.kind() == FaultInjector.Kind.RESET) {
                return; // closing the exchange before any answer closes the connection
            }
            if (fault != null && fault.kind() == FaultInjector.Kind.RATE_LIMIT) {
                String retryAfter = RateLimiter.retryAfter(fault.format(), fault.stall().toMillis() / 1000.0, java.time.Clock.systemUTC());
                send(ex, 429, message("Injected fault: rate limit exceeded"), Map.of("Retry-After", retryAfter));
                return;
            }
            if (fault != null && fault.kind() == FaultInjector.Kind.STATUS) {
                Map<String, String> headers = fault.retryAfter() == null ? Map.of() : Map.of("Retry-After", fault.retryAfter());
                send(ex, fault.status(), message("Injected fault: HTTP " + fault.status()), headers);
                return;
            }
            if (fault != null && fault.kind() == FaultInjector.Kind.STALL) {
                Thread.sleep(fault.stall().toMillis());
            }
            if (fault != null && fault.kind() == FaultInjector.Kind.GRAPHQL_ERROR) {
                Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("data", null);
                body.put("errors", List.of(Map.of(
                        "message", fault.message() == null ? "Internal error (injected)" : fault.message(),
                        "extensions", Map.of("category", fault.category() == null ? "internal" : fault.category()))));
                body.put("extensions", Map.of("complexity", 0, "permissionsUsed", List.of()));
                send(ex, 200, body, Map.of());
                return;
            }
            Map<String, Object> request;
            try {
                request = JSON.readValue(requestBody, Map.class);
            } catch (IOException e) {
                send(ex, 400, message("Malformed JSON body"), Map.of());
                return;
            }
            Object query = request == null ? null : request.get("query");
            Object variables = request == null ? null : request.get("variables");
            Object operationName = request == null ? null : request.get("operationName");
            if (!(query instanceof String q) || q.isBlank()
                    || (variables != null && !(variables instanceof Map))
                    || (operationName != null && !(operationName instanceof String))) {
                send(ex, 400, message("Body must be {\"query\": string, \"variables\": object, \"operationName\": string}"), Map.of());
                return;
            }
            @SuppressWarnings("unchecked")
            GraphQLEndpoint.Response r;
            // counted while the query executes, not while its answer is still being flushed to a client that
            // may already have read it all and sent its next request
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                r = endpoint.execute(q, (Map<String, Object>) variables, (String) operationName);
            } finally {
                inFlight.decrementAndGet();
            }
            FaultInjector.PageFault shortPage = r.status() == 200 ? faults.pollPage(variables) : null;
            if (shortPage != null) {
                Map<String, Object> body = new java.util.LinkedHashMap<>(r.body());
                body.put("data", FaultInjector.cut(body.get("data"), shortPage));
                r = new GraphQLEndpoint.Response(r.status(), body, r.headers());
            }
            if (fault != null && fault.kind() == FaultInjector.Kind.TRUNCATE) {
                byte[] full = JSON.writeValueAsBytes(r.body());
                byte[] half = java.util.Arrays.copyOf(full, full.length / 2);
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                ex.sendResponseHeaders(200, half.length);
                ex.getResponseBody().write(half);
                return;
            }
            send(ex, r.status(), r.body(), r.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Request failed", e);
            try {
                send(ex, 500, message("Internal server error"), Map.of());
            } catch (IOException | RuntimeException ignored) {
                // headers may already be sent
            }
        }
    }

    /** {@code POST /graphql} requests received so far, authorised or not. */
    long requests() {
        return requests.get();
    }

    private boolean authorised(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim().equals(token);
        }
        String cookie = ex.getRequestHeaders().getFirst("Cookie");
        if (cookie != null) {
            for (String part : cookie.split(";")) {
                String p = part.trim();
                if (p.startsWith("graphql-access=") && p.substring("graphql-access=".length()).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Object> message(String text) {
        return Map.of("errors", List.of(Map.of("message", text)));
    }

    private static void send(HttpExchange ex, int status, Object body, Map<String, String> headers) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
