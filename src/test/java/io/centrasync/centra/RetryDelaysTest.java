package io.centrasync.centra;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryDelaysTest {

    static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");
    static CamelContext camel;

    private final RateBudgetTest.FakeTime time = new RateBudgetTest.FakeTime(NOW.toEpochMilli());
    private final RateBudget budget = new RateBudget(new RateBudget.Plan(60, 5000, 250_000, 30_000_000, 0.95),
            () -> time.now, time, null);
    // jitter fixed at the middle: retry n waits 0.75 × min(30 s, 1 s × 2^(n-1))
    private final RetryDelays delays = new RetryDelays(new Failures(), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            Duration.ofMinutes(5), budget, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5);

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    private static HttpOperationFailedException http(int status, String retryAfter) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-after", retryAfter);
        return new HttpOperationFailedException("http://127.0.0.1/graphql", status, "x", null, headers, "{}");
    }

    /** The delay the processor sets for a failure on retry {@code retry} of 5, or null for none. */
    private Long delayFor(Exception failure, int retry) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setException(failure);
        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, retry);
        exchange.getIn().setHeader(Exchange.REDELIVERY_MAX_COUNTER, 5);
        delays.process(exchange);
        return exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
    }

    @Test
    void aRetryAfterIsWaitedForWhateverItsForm() {
        assertEquals(7_000L, delayFor(http(429, "7"), 1));
        assertEquals(30_000L, delayFor(http(503, "Wed, 21 Oct 2026 07:28:30 GMT"), 1));
        assertEquals(12_000L, delayFor(http(429, Long.toString(NOW.getEpochSecond() + 12)), 2));
        assertEquals(2_500L, delayFor(http(429, Long.toString(NOW.toEpochMilli() + 2_500)), 3));
    }

    @Test
    void aRetryAfterTooFarAwayIsCappedAndOneInThePastIsAShortPause() {
        assertEquals(300_000L, delayFor(http(429, "4102444800"), 1));
        assertEquals(300_000L, delayFor(http(429, "86400"), 1));
        assertEquals(750L, delayFor(http(429, "Wed, 21 Oct 2026 07:00:00 GMT"), 4), "past: the first backoff step");
    }

    @Test
    void withoutAUsableRetryAfterItBacksOffExponentially() {
        assertEquals(750L, delayFor(http(500, null), 1));
        assertEquals(3_000L, delayFor(http(499, null), 3));
        assertEquals(6_000L, delayFor(http(429, "soon"), 4));
        assertEquals(1_500L, delayFor(new SocketTimeoutException("Read timed out"), 2));
        assertEquals(12_000L, delayFor(new CentraException("truncated", true), 5));
        assertEquals(Duration.ofMillis(22_500), delays.plan(new CentraException("truncated", true), 9).duration(), "capped");
    }

    @Test
    void nothingIsPlannedForFatalFailuresOrWhenRetriesRanOut() {
        assertNull(delayFor(http(403, "7"), 1), "a 403 after a retried 503 is not retried");
        assertNull(delayFor(http(400, null), 1));
        assertNull(delayFor(new CentraException("You need Order:read permission", false), 1));
        assertNull(delayFor(http(503, "7"), 6), "the last failure: no retry left");
    }

    @Test
    void a429HoldsBackEveryEntityUntilItsRetryAfter() throws Exception {
        delays.plan(http(429, "7"), 1);
        budget.acquire("stock", "run");
        assertEquals(List.of(7_000L), time.sleeps);
    }
}
