package io.centrasync.centra;

import io.centrasync.mapping.BucketKind;
import io.centrasync.mapping.MappingException;
import io.centrasync.mapping.RateLimit;
import io.centrasync.mapping.RateLimitsMapping;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.RateLimitConfig;
import io.centrasync.simulator.RetryAfterFormat;
import io.centrasync.simulator.SimulatorConfig;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsReaderTest {

    private final RateLimitsReader reader = new RateLimitsReader(null, URI.create("http://127.0.0.1/graphql"), builtin());

    private static RateLimitsMapping builtin() {
        try {
            return RateLimitsMapping.builtin();
        } catch (MappingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsCentrasDocumentedAnswerWithTheIntervalAsAnEnum() {
        String body = """
                {"data":{"rateLimits":[
                  {"type":"REQUEST_COUNT","intervalSeconds":"TEN_SECONDS","quota":20,"usedQuota":1,"remainingQuota":19},
                  {"type":"REQUEST_COUNT","intervalSeconds":"ONE_HOUR","quota":10000,"usedQuota":1,"remainingQuota":9999},
                  {"type":"QUERY_COMPLEXITY","intervalSeconds":"TEN_SECONDS","quota":150000,"usedQuota":7,"remainingQuota":149993},
                  {"type":"MUTATION_COUNT","intervalSeconds":"TEN_SECONDS","quota":100,"usedQuota":0,"remainingQuota":100}]},
                 "extensions":{"complexity":7}}""";
        assertEquals(Optional.of(List.of(new RateLimit(BucketKind.REQUESTS, 10, 20, 19),
                new RateLimit(BucketKind.REQUESTS, 3600, 10000, 9999),
                new RateLimit(BucketKind.COMPLEXITY, 10, 150000, 149993))), reader.parse(body));
    }

    @Test
    void toleratesAPlainNumberOfSeconds() {
        String body = """
                {"data":{"rateLimits":[
                  {"type":"REQUEST_COUNT","intervalSeconds":10,"quota":20,"usedQuota":1,"remainingQuota":19},
                  {"type":"QUERY_COMPLEXITY","intervalSeconds":"3600","quota":20000000,"usedQuota":7,"remainingQuota":19999993}]}}""";
        assertEquals(Optional.of(List.of(new RateLimit(BucketKind.REQUESTS, 10, 20, 19),
                new RateLimit(BucketKind.COMPLEXITY, 3600, 20_000_000, 19_999_993))), reader.parse(body));
    }

    @Test
    void aMissingFieldOrAnErrorIsNoFailure() {
        assertEquals(Optional.empty(), reader.parse("{\"errors\":[{\"message\":\"Cannot query field rateLimits\"}]}"));
        assertEquals(Optional.empty(), reader.parse("{\"data\":null,\"errors\":[{\"message\":\"You need a permission\","
                + "\"extensions\":{\"category\":\"authorization\"}}]}"));
        assertEquals(Optional.empty(), reader.parse("<html>502 Bad Gateway</html>"));
    }

    @Test
    void asksTheSimulatorWithTheConnectorsClientAndFailsOnARefusedToken() throws Exception {
        RateLimitConfig plan = new RateLimitConfig(5, 0, 1000, 0, RetryAfterFormat.DELTA_SECONDS);
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(0)
                .withPurchaseOrders(0).withProductSizes(1).withWarehouses(1).withRateLimits(plan));
             CloseableHttpClient good = CentraHttpClients.create(sim.token(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1);
             CloseableHttpClient bad = CentraHttpClients.create("wrong", Duration.ofSeconds(5), Duration.ofSeconds(5), 1)) {
            List<RateLimit> limits = new RateLimitsReader(good, URI.create(sim.endpoint()), builtin()).read().orElseThrow();
            assertTrue(limits.contains(new RateLimit(BucketKind.REQUESTS, 10, 5, 4)), limits.toString());
            assertTrue(limits.contains(new RateLimit(BucketKind.REQUESTS, 3600, Integer.MAX_VALUE, Integer.MAX_VALUE)), limits.toString());
            // the page request would be refused too: the run fails on this one request
            HttpOperationFailedException refused = assertThrows(HttpOperationFailedException.class,
                    () -> new RateLimitsReader(bad, URI.create(sim.endpoint()), builtin()).read());
            assertEquals(403, refused.getStatusCode());
            // a rate limit: waited out and retried as a page's would be, Retry-After and all
            sim.faults().failNext(1, 429, "7");
            HttpOperationFailedException limited = assertThrows(HttpOperationFailedException.class,
                    () -> new RateLimitsReader(good, URI.create(sim.endpoint()), builtin()).read());
            assertEquals(429, limited.getStatusCode());
            assertEquals("7", limited.getResponseHeaders().get("Retry-After"));
        }
    }
}
