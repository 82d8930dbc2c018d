package io.centrasync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitAndFaultTest {
    static final Instant NOW = Instant.parse("2025-05-05T12:00:00Z");
    static final String QUERY = "{ orders(limit: 2) { id } }";   // complexity 2

    static CentraSimulator start(RateLimitConfig limits) {
        // a fixed clock: buckets never refill during the test
        return CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(20)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withRateLimits(limits));
    }

    @Test
    void requestBucketAnswers429WithRetryAfterSeconds() {
        try (CentraSimulator sim = start(new RateLimitConfig(3, 0, 0, 0, RetryAfterFormat.DELTA_SECONDS))) {
            SimClient c = new SimClient(sim);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, c.post(QUERY).status());
            }
            SimClient.Reply r = c.post(QUERY);
            assertEquals(429, r.status());
            assertEquals("4", r.raw().headers().firstValue("Retry-After").orElseThrow());   // 1 token at 0.3/s
            assertTrue(r.body().get("errors").get(0).get("message").asText().contains("Too many"));
        }
    }

    @Test
    void retryAfterAsHttpDateOrEpoch() {
        try (CentraSimulator sim = start(new RateLimitConfig(1, 0, 0, 0, RetryAfterFormat.HTTP_DATE))) {
            SimClient c = new SimClient(sim);
            c.post(QUERY);
            String h = c.post(QUERY).raw().headers().firstValue("Retry-After").orElseThrow();
            assertEquals(NOW.plusSeconds(10), ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        }
        try (CentraSimulator sim = start(new RateLimitConfig(0, 1, 0, 0, RetryAfterFormat.EPOCH_SECONDS))) {
            SimClient c = new SimClient(sim);
            c.post(QUERY);
            String h = c.post(QUERY).raw().headers().firstValue("Retry-After").orElseThrow();
            assertEquals(NOW.plusSeconds(3600).getEpochSecond(), Long.parseLong(h));
        }
    }

    @Test
    void complexityBucketCountsQueryCost() {
        try (CentraSimulator sim = start(new RateLimitConfig(0, 0, 250, 0, RetryAfterFormat.DELTA_SECONDS))) {
            SimClient c = new SimClient(sim);
            String big = "{ orders(limit: 100) { id } }";       // complexity 100
            assertEquals(200, c.post(big).status());
            assertEquals(200, c.post(big).status());
            assertEquals(429, c.post(big).status());
            assertEquals(200, c.post(QUERY).status());           // 2 points still fit
            JsonNode rl = c.data("{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }", null).get("rateLimits");
            JsonNode complexity10s = rl.get(2);
            assertEquals("QUERY_COMPLEXITY", complexity10s.get("type").asText());
            assertEquals("TEN_SECONDS", complexity10s.get("intervalSeconds").asText());
            assertEquals(250, complexity10s.get("quota").asInt());
            // 100 + 100 + 2, plus 10 for the rateLimits query itself (a list without limit: 10 × 1)
            assertEquals(212, complexity10s.get("usedQuota").asInt());
            assertEquals(38, complexity10s.get("remainingQuota").asInt());
        }
    }

    @Test
    void injectedStatusFaults() {
        try (CentraSimulator sim = start(RateLimitConfig.UNLIMITED)) {
            SimClient c = new SimClient(sim);
            sim.faults().failNext(2, 503).failNext(1, 429).failNext(1, 500);
            assertEquals(503, c.post(QUERY).status());
            assertEquals(503, c.post(QUERY).status());
            SimClient.Reply r429 = c.post(QUERY);
            assertEquals(429, r429.status());
            assertEquals("1", r429.raw().headers().firstValue("Retry-After").orElseThrow());
            assertEquals(500, c.post(QUERY).status());
            assertEquals(200, c.post(QUERY).status());
            assertEquals(0, sim.faults().pending());
        }
    }

    @Test
    void injectedStallTruncationAndGraphqlError() {
        try (CentraSimulator sim = start(RateLimitConfig.UNLIMITED)) {
            SimClient c = new SimClient(sim);
            sim.faults().stallNext(1, Duration.ofMillis(400)).truncateNext(1).graphqlErrorNext(1);
            long t = System.nanoTime();
            assertEquals(200, c.post(QUERY).status());
            assertTrue((System.nanoTime() - t) / 1_000_000 >= 400, "stalled");
            SimClient.Reply truncated = c.post(QUERY);
            assertEquals(200, truncated.status());
            assertNull(truncated.body(), "body is not valid JSON");
            SimClient.Reply err = c.post(QUERY);
            assertEquals(200, err.status());
            assertTrue(err.body().get("data").isNull());
            assertTrue(err.body().get("errors").size() > 0);
            assertEquals(200, c.post(QUERY).status());
            assertTrue(c.post(QUERY).body().get("data").has("orders"));
        }
    }

    @Test
    void faultsDoNotApplyToUnauthorisedRequests() {
        try (CentraSimulator sim = start(RateLimitConfig.UNLIMITED)) {
            sim.faults().failNext(1, 500);
            assertEquals(403, new SimClient(sim.endpoint(), "wrong").post(QUERY).status());
            assertEquals(1, sim.faults().pending());
        }
    }

    @Test
    void countsRequestsAndRefusalsAndLetsAFaultWaitForALaterRequest() {
        try (CentraSimulator sim = start(new RateLimitConfig(3, 0, 0, 0, RetryAfterFormat.DELTA_SECONDS))) {
            SimClient c = new SimClient(sim);
            sim.faults().passNext(1).graphqlErrorNext(1, "You need Order:read permission to access orders.", "authorization");
            assertEquals(200, c.post(QUERY).status());
            JsonNode error = c.post(QUERY).body().get("errors").get(0);
            assertEquals("You need Order:read permission to access orders.", error.get("message").asText());
            assertEquals("authorization", error.get("extensions").get("category").asText());
            assertEquals(200, c.post(QUERY).status());   // an injected error costs no token
            assertEquals(200, c.post(QUERY).status());
            assertEquals(429, c.post(QUERY).status());
            assertEquals(403, new SimClient(sim.endpoint(), "wrong").post(QUERY).status());
            assertEquals(6, sim.requests());
            assertEquals(1, sim.rateLimited());
        }
    }
}
