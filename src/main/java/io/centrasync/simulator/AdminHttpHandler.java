package io.centrasync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.net.URLDecoder;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code POST /admin/...}: changes the store from outside the JVM, so a simulator started with the
 * {@code simulator} command can be changed between two syncs (same Bearer token as {@code /graphql}):
 * <ul>
 *   <li>{@code /admin/orders/touch?count=N}: N orders change (status or a cancelled line) and get updatedAt = now</li>
 *   <li>{@code /admin/orders/delete?id=ID}: that order is deleted (gone from every query; a DELETED event)</li>
 *   <li>{@code /admin/orders/add?count=N}: N new orders</li>
 *   <li>{@code /admin/purchase-orders/touch?count=N}: N purchase orders change</li>
 *   <li>{@code /admin/stock/change?count=N}: N stock rows change quantities</li>
 *   <li>{@code /admin/faults/every-other-request?count=N}: the next N faults come before every other request, one of
 *       each transient kind in turn (see {@link FaultInjector#everyOtherRequest}); answers the faults queued as "changed"</li>
 *   <li>{@code /admin/faults/short-page?field=stock&page=P&keep=K&count=N}: the next N answers for page P have every
 *       list named {@code field} cut to at most K elements (keep=0, the default: empty), a broken answer (see
 *       {@link FaultInjector#shortPage}); answers the fault as "changed"</li>
 *   <li>{@code /admin/faults/next?kind=K&count=N&...}: N faults of one kind for the next requests ({@link AdminFaults})</li>
 *   <li>{@code /admin/stock/set?warehouse=W&size=S&physical=P[&allocated=A]}, {@code /admin/stock/remove?warehouse=W&size=S}:
 *       one stock row set or removed</li>
 *   <li>{@code /admin/purchase-orders/touch?id=ID}: that purchase order changes</li>
 *   <li>{@code /admin/rate-limits/spend?requests=R&complexity=C}: another integration spends from the shared buckets</li>
 *   <li>{@code GET /admin/rate-limits}: requests and complexity admitted so far, requests refused (429), the quotas</li>
 *   <li>{@code GET /admin/faults}: faults still queued; {@code GET /admin/store}: orders, requests served and the most at once</li>
 * </ul>
 * Each answers {@code {"changed": [ids...]}}.
 */
final class AdminHttpHandler implements HttpHandler {

    private final String token;
    /** by path: count and the other query parameters to what changed */
    private final Map<String, BiFunction<Integer, Map<String, String>, List<?>>> actions;
    /** {@code GET}: by path, what it reports */
    private final Map<String, Supplier<Object>> reads;

    /** {@code stats}: the endpoint's request counts (total, most at once) */
    AdminHttpHandler(String token, SimStore store, RateLimiter rateLimiter, FaultInjector faults, Supplier<Map<String, Long>> stats) {
        this.token = token;
        Map<String, BiFunction<Integer, Map<String, String>, List<?>>> actions = new java.util.HashMap<>(Map.of(
                "/admin/orders/touch", (n, q) -> store.touchOrders(n).stream().map(SimOrder::id).toList(),
                "/admin/orders/add", (n, q) -> store.addOrders(n).stream().map(SimOrder::id).toList(),
                "/admin/purchase-orders/touch", (n, q) -> q.containsKey("id") ? List.of(store.touchPurchaseOrder(required(q, "id")).id())
                        : store.touchPurchaseOrders(n).stream().map(SimPurchaseOrder::id).toList(),
                "/admin/stock/change", (n, q) -> store.changeStock(n).stream()
                        .map(s -> s.warehouseId() + "/" + s.productSizeId()).toList(),
                // a stall of 2 s: a slow answer, or a timeout for a client that waits less (CENTRA_RESPONSE_TIMEOUT=PT1S)
                "/admin/faults/every-other-request", (n, q) -> faults.everyOtherRequest(n, java.time.Duration.ofSeconds(2)),
                "/admin/faults/short-page", (n, q) -> List.of(faults.shortPage(q.getOrDefault("field", "stock"),
                        number(q.get("page"), -1), number(q.getOrDefault("keep", "0"), -1), n)),
                "/admin/faults/next", (n, q) -> AdminFaults.queue(faults, n, q),
                // another integration on the same store spends from the shared buckets
                "/admin/rate-limits/spend", (n, q) -> {
                    rateLimiter.spend(required(q, "requests"), required(q, "complexity"));
                    return List.of("spent");
                },
                "/admin/stock/set", (n, q) -> List.of(store.setStock(required(q, "warehouse"), required(q, "size"),
                        required(q, "physical"), number(q.getOrDefault("allocated", "0"), 0)).productSizeId()),
                "/admin/stock/remove", (n, q) -> store.removeStock(required(q, "warehouse"), required(q, "size"))
                        ? List.of(q.get("warehouse") + "/" + q.get("size")) : List.of()));
        // an order deleted in Centra: no query finds it any more; listeners get a DELETED event
        actions.put("/admin/orders/delete", (n, q) -> store.deleteOrder(q.getOrDefault("id", "")) ? List.of(q.get("id")) : List.of());
        this.actions = Map.copyOf(actions);
        this.reads = Map.of(
                "/admin/rate-limits", rateLimiter::usage,
                "/admin/faults", () -> AdminFaults.pending(faults),
                "/admin/store", () -> Map.of("orders", store.orderCount(), "requests", stats.get()));
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + token)) {
                send(ex, 403, Map.of("errors", List.of(Map.of("message", "Forbidden"))));
                return;
            }
            Supplier<Object> read = reads.get(ex.getRequestURI().getPath());
            if (read != null && "GET".equals(ex.getRequestMethod())) {
                send(ex, 200, read.get());
                return;
            }
            BiFunction<Integer, Map<String, String>, List<?>> action = actions.get(ex.getRequestURI().getPath());
            if (action == null || !"POST".equals(ex.getRequestMethod())) {
                send(ex, 404, Map.of("errors", List.of(Map.of("message", "POST one of " + actions.keySet() + " or GET one of "
                        + reads.keySet()))));
                return;
            }
            Map<String, String> query = parameters(ex.getRequestURI());
            int count = number(query.getOrDefault("count", "1"), -1);
            if (count < 1) {
                send(ex, 400, Map.of("errors", List.of(Map.of("message", "count must be a whole number >= 1"))));
                return;
            }
            List<?> changed;
            try {
                changed = action.apply(count, query);
            } catch (IllegalArgumentException e) {
                send(ex, 400, Map.of("errors", List.of(Map.of("message", e.getMessage()))));
                return;
            }
            send(ex, 200, Map.of("changed", changed));
        }
    }

    /** The query parameters, the first of each name. */
    private static Map<String, String> parameters(URI uri) {
        Map<String, String> out = new HashMap<>();
        String query = uri.getQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                out.putIfAbsent(decode(eq < 0 ? part : part.substring(0, eq)), eq < 0 ? "" : decode(part.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** A whole-number parameter that must be there. */
    private static int required(Map<String, String> q, String name) {
        int n = number(q.get(name), Integer.MIN_VALUE);
        if (n == Integer.MIN_VALUE) {
            throw new IllegalArgumentException(name + " must be given as a whole number");
        }
        return n;
    }

    private static int number(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = SimulatorHttpHandler.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
