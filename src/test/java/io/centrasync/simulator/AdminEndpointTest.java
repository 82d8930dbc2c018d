package io.centrasync.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin endpoints change a separately running simulator between two syncs. */
class AdminEndpointTest {

    private static HttpResponse<String> post(CentraSimulator sim, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void touchAndAddOrdersOverHttp() throws Exception {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(50).withToken("t"))) {
            HttpResponse<String> added = post(sim, "/admin/orders/add?count=3", "t");
            assertEquals(200, added.statusCode());
            assertEquals(53, sim.store().orderCount());
            long before = sim.store().orders().filter(o -> o.version() > 0).count();
            HttpResponse<String> touched = post(sim, "/admin/orders/touch?count=4", "t");
            assertEquals(200, touched.statusCode(), touched.body());
            assertTrue(touched.body().startsWith("{\"changed\":["), touched.body());
            assertEquals(before + 4, sim.store().orders().filter(o -> o.version() > 0).count());
            assertEquals(403, post(sim, "/admin/orders/add?count=1", "wrong").statusCode());
            assertEquals(400, post(sim, "/admin/orders/add?count=x", "t").statusCode());
            assertEquals(404, post(sim, "/admin/nothing", "t").statusCode());
        }
    }

    /** A misbehaving server on demand: a fault of each kind in turn before every other request. */
    @Test
    void faultsOnEveryOtherRequestOverHttp() throws Exception {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(5).withToken("t"))) {
            HttpResponse<String> queued = post(sim, "/admin/faults/every-other-request?count=11", "t");
            assertEquals(200, queued.statusCode(), queued.body());
            assertTrue(queued.body().contains("HTTP 429, Retry-After as HTTP_DATE") && queued.body().contains("connection closed"),
                    queued.body());
            assertEquals(22, sim.faults().pending());
            SimClient client = new SimClient(sim);
            String query = "{ orders(limit: 2) { id } }";
            assertEquals(500, client.post(query).status());
            assertEquals(200, client.post(query).status());
            assertEquals(502, client.post(query).status());
            sim.faults().clear();
            sim.faults().resetNext(1);
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.endpoint())).header("Authorization", "Bearer t")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}")).build();
            assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()),
                    "a reset gets no answer at all");
        }
    }

    /** A broken page on demand: the next answers for one page number have a list cut short; other pages are whole. */
    @Test
    void aShortPageOverHttp() throws Exception {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(5).withToken("t"))) {
            HttpResponse<String> queued = post(sim, "/admin/faults/short-page?field=stock&page=1&keep=3&count=2", "t");
            assertEquals(200, queued.statusCode(), queued.body());
            assertEquals("{\"changed\":[\"page 1 of stock cut to 3\"]}", queued.body());
            assertEquals(2, sim.faults().pendingPages());
            assertEquals(400, post(sim, "/admin/faults/short-page?page=0", "t").statusCode());
            SimClient client = new SimClient(sim);
            String query = "query S($page: Int!) { warehouses { stock(limit: 10, page: $page) { physicalQuantity } } }";
            var page2 = client.post(query, java.util.Map.of("page", 2)).data().path("warehouses");
            assertEquals(10, page2.get(0).path("stock").size(), "another page is whole");
            for (int i = 0; i < 2; i++) {
                var page1 = client.post(query, java.util.Map.of("page", 1)).data().path("warehouses");
                assertEquals(4, page1.size(), "every warehouse is there");
                page1.forEach(w -> assertEquals(3, w.path("stock").size(), "each stock list cut to 3"));
            }
            assertEquals(10, client.post(query, java.util.Map.of("page", 1)).data().path("warehouses").get(0).path("stock").size(),
                    "served twice, then whole again");
            assertEquals(0, sim.faults().pendingPages());
        }
    }

    /** The benchmark's budget check reads what a rate-limited simulator admitted and refused. */
    @Test
    void rateLimitUsageOverHttp() throws Exception {
        RateLimitConfig plan = new RateLimitConfig(2, 0, 0, 0, RetryAfterFormat.DELTA_SECONDS);
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(5).withToken("t")
                .withRateLimits(plan))) {
            SimClient client = new SimClient(sim);
            long complexity = 0;
            for (int i = 0; i < 2; i++) {
                complexity += client.post("{ orders(limit: 2) { id } }").body().path("extensions").path("complexity").asLong();
            }
            assertEquals(429, client.post("{ orders(limit: 2) { id } }").status());
            HttpResponse<String> usage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + sim.port() + "/admin/rate-limits")).header("Authorization", "Bearer t").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, usage.statusCode());
            var json = SimClient.JSON.readTree(usage.body());
            assertEquals(2, json.path("admittedRequests").asLong());
            assertEquals(complexity, json.path("admittedComplexity").asLong());
            assertTrue(complexity > 0);
            assertEquals(1, json.path("refused").asLong());
            assertEquals(2, json.path("requestsPer10s").asLong());
        }
    }

    private static HttpResponse<String> get(CentraSimulator sim, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
                .header("Authorization", "Bearer t").GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int graphqlStatus(CentraSimulator sim) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.endpoint())).header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ warehouses(limit: 1) { id } }\"}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Every fault kind, stock rows, one purchase order and the shared rate budget, from outside the JVM. */
    @Test
    void faultsStockPurchaseOrdersAndBudgetOverHttp() throws Exception {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(20).withToken("t"))) {
            assertEquals(200, post(sim, "/admin/faults/next?kind=pass&count=1", "t").statusCode());
            assertEquals(200, post(sim, "/admin/faults/next?kind=status&status=502&count=2", "t").statusCode());
            HttpResponse<String> graphqlError = post(sim, "/admin/faults/next?kind=graphql-error&message=You%20need%20Order%3Aread"
                    + "&category=authorization", "t");
            assertEquals(200, graphqlError.statusCode(), graphqlError.body());
            assertEquals(200, post(sim, "/admin/faults/next?kind=rate-limit&format=http-date&ms=1500", "t").statusCode());
            assertTrue(get(sim, "/admin/faults").body().contains("\"requests\":5"), get(sim, "/admin/faults").body());
            assertEquals(200, graphqlStatus(sim));
            assertEquals(502, graphqlStatus(sim));
            assertEquals(502, graphqlStatus(sim));
            assertEquals(200, graphqlStatus(sim));
            assertEquals(429, graphqlStatus(sim));
            assertEquals(400, post(sim, "/admin/faults/next?kind=meteor", "t").statusCode());
            assertEquals(400, post(sim, "/admin/faults/next?kind=rate-limit&format=fortnight", "t").statusCode());

            SimStock row = sim.store().stock().get(0);
            assertEquals(200, post(sim, "/admin/stock/set?warehouse=" + row.warehouseId() + "&size=" + row.productSizeId()
                    + "&physical=77", "t").statusCode());
            assertEquals(77, sim.store().stock(row.warehouseId(), row.productSizeId()).orElseThrow().physicalQuantity());
            assertEquals(200, post(sim, "/admin/stock/remove?warehouse=" + row.warehouseId() + "&size=" + row.productSizeId(), "t")
                    .statusCode());
            assertTrue(sim.store().stock(row.warehouseId(), row.productSizeId()).isEmpty());
            assertEquals(400, post(sim, "/admin/stock/set?warehouse=1", "t").statusCode());

            SimPurchaseOrder po = sim.store().purchaseOrders().get(0);
            HttpResponse<String> touched = post(sim, "/admin/purchase-orders/touch?id=" + po.id(), "t");
            assertEquals("{\"changed\":[" + po.id() + "]}", touched.body());
            assertTrue(sim.store().purchaseOrder(po.id()).orElseThrow().updatedAt().isAfter(po.updatedAt()));

            assertEquals(200, post(sim, "/admin/rate-limits/spend?requests=3&complexity=1000", "t").statusCode());
            assertTrue(get(sim, "/admin/store").body().contains("\"orders\":20"), get(sim, "/admin/store").body());
        }
    }
}
