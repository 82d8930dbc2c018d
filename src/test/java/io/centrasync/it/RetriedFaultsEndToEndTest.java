package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults that asking again cures: each is retried (one WARN line per retry, no stack trace, no token),
 * and the database ends equal to Centra's data. Every sync is a full one of 3 pages, after a few
 * orders changed, so a lost or stale page would show.
 */
class RetriedFaultsEndToEndTest {

    static final int PAGES = 3;
    private static final Pattern RETRY_LINE = Pattern.compile("orders page (\\d+): (.+); retry attempt (\\d)/2 in ([0-9.]+) s");

    static SyncHarness h;
    /** The connector with the harness's settings, shared by the tests that need no other. */
    static SyncApplication app;
    static LogCapture log;

    @BeforeAll
    static void start() throws java.io.IOException {
        // pages of 100 whatever the shipped mapping says: the request counts below depend on it
        h = new SyncHarness(250, SmallPages.ordersMapping(java.nio.file.Files.createTempDirectory("pages"), 100).toString());
        app = h.app();
        log = LogCapture.begin();
    }

    @AfterAll
    static void stop() {
        log.close();
        app.close();
        h.close();
    }

    @BeforeEach
    void changeSomeOrders() {
        h.clearOverrides();
        h.simulator.faults().clear();
        h.simulator.store().touchOrders(3);
        log.clear();
    }

    @AfterEach
    void everyFaultWasServedAndNothingSecretOrNoisyWasLogged() {
        assertEquals(0, h.simulator.faults().pending(), "every injected fault met a request");
        Secrets.assertCleanLog(log);
    }

    /** Queues faults, then runs a full sync. */
    private static Observed syncWith(Runnable inject) {
        inject.run();
        return Observed.run(h, app, "orders", true);
    }

    /** The same on a connector with changed settings (its start-up happens before the faults are queued). */
    private static Observed syncWith(String key, String value, Runnable inject) {
        h.set(key, value);
        try (SyncApplication own = h.app()) {
            inject.run();
            return Observed.run(h, own, "orders", true);
        }
    }

    private static void assertSynced(Observed run, int retries) {
        assertNull(run.error());
        assertEquals(250, run.result().run().records());
        assertEquals(PAGES + retries, run.requests(), "one request per page plus one per retry, no more");
        Expected.assertDatabaseEqualsSource(h);
    }

    /** The retry lines logged, as (page, reason, attempt, seconds). */
    private static List<Matcher> retryLines() {
        return log.warnings().stream().map(l -> RETRY_LINE.matcher(l.message())).filter(Matcher::matches).toList();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        Observed run = syncWith(() -> h.simulator.faults().failNext(1, 500).failNext(1, 503));
        assertSynced(run, 2);
        List<Matcher> retries = retryLines();
        assertEquals(2, retries.size(), log.warnings().toString());
        assertEquals("1", retries.get(0).group(1));
        assertTrue(retries.get(0).group(2).contains("HTTP 500"), retries.get(0).group(2));
        assertEquals("1", retries.get(0).group(3));
        assertTrue(retries.get(1).group(2).contains("HTTP 503"), retries.get(1).group(2));
        assertEquals("2", retries.get(1).group(3));
        for (Matcher m : retries) {
            double seconds = Double.parseDouble(m.group(4));
            assertTrue(seconds <= 0.2, "backoff capped by centra.retry-backoff-max in the harness: " + seconds);
        }
        assertEquals(2, log.warnings().size(), "one line per retry and nothing else: " + log.warnings());
    }

    @Test
    void aStallPastTheResponseTimeoutIsRetried() {
        // 2 s: a normal page takes well under that even on a busy machine
        Observed run = syncWith("centra.response-timeout", "PT2S", () -> h.simulator.faults().stallNext(1, Duration.ofSeconds(4)));
        assertSynced(run, 1);
        assertTrue(retryLines().get(0).group(2).contains("did not answer in time"), log.warnings().toString());
        assertTrue(run.millis() < 20_000, "did not hang: " + run.millis() + " ms");
    }

    @Test
    void aTruncatedBodyIsRetried() {
        Observed run = syncWith(() -> h.simulator.faults().truncateNext(1));
        assertSynced(run, 1);
        assertTrue(retryLines().get(0).group(2).contains("not complete JSON"), log.warnings().toString());
    }

    /** graphql-php's answer to a fault inside Centra: HTTP 200, errors[] of category internal, no data. */
    @Test
    void anInternalGraphqlErrorIsRetried() {
        Observed run = syncWith(() -> h.simulator.faults().graphqlErrorNext(1, "Internal server error", "internal"));
        assertSynced(run, 1);
        assertTrue(retryLines().get(0).group(2).contains("Centra failed internally (GraphQL error): Internal server error"),
                log.warnings().toString());
    }

    /** The forms Centra's "timestamp" might take (more of them in RetryAfterTest), each pointing about 1.5 s ahead. */
    static Stream<Arguments> retryAfterForms() {
        Function<Instant, String> delta = at -> "1";
        Function<Instant, String> httpDate = at -> DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
        Function<Instant, String> epochSeconds = at -> Long.toString(at.getEpochSecond());
        return Stream.of(Arguments.of("delta-seconds", 429, delta), Arguments.of("HTTP-date", 429, httpDate),
                Arguments.of("epoch seconds", 429, epochSeconds), Arguments.of("delta-seconds on a 503", 503, delta));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryAfterForms")
    void aRetryAfterIsWaitedForInEveryForm(String form, int status, Function<Instant, String> retryAfter) {
        // whole seconds, so that the second an HTTP-date or epoch value cannot say leaves 1-2 s
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        Observed run = syncWith(() -> h.simulator.faults().failNext(1, status, retryAfter.apply(at)));
        assertSynced(run, 1);
        Matcher retry = retryLines().get(0);
        assertTrue(retry.group(2).contains("HTTP " + status) && retry.group(2).contains("Retry-After"), retry.group(2));
        double seconds = Double.parseDouble(retry.group(4));
        // anything else (the 50 ms backoff, an epoch value read as a delay and capped) is far off
        assertTrue(seconds >= 0.5 && seconds <= 2.0, form + " waited " + seconds + " s");
        assertTrue(run.millis() >= seconds * 1000, "Camel waited as the CamelRedeliveryDelay header said: " + run.millis() + " ms");
        assertTrue(run.millis() < 20_000, "no long wait: " + run.millis() + " ms");
    }

    @Test
    void anAbsurdRetryAfterIsCappedAndTheCapSaidOnce() {
        String year2100 = "4102444800";
        Observed run = syncWith("centra.retry-after-cap", "PT0.5S", () -> h.simulator.faults().failNext(2, 429, year2100));
        assertSynced(run, 2);
        assertEquals(List.of("0.50", "0.50"), retryLines().stream().map(m -> m.group(4)).toList());
        assertEquals(1, log.containing("centra.retry-after-cap").size(), log.warnings().toString());
        assertTrue(run.millis() < 20_000, "capped: " + run.millis() + " ms");
    }

    @Test
    void retriesRunOutThenTheRunFailsInOneLineAndTheNextRunConverges() {
        Observed failed = syncWith(() -> h.simulator.faults().failNext(3, 503));
        assertEquals("Centra answered HTTP 503 Service Unavailable, still after 2 retries of page 1 (centra.retries)", failed.error());
        assertEquals(3, failed.requests(), "the first attempt and centra.retries=2 retries, then stop");
        assertEquals(2, retryLines().size());
        assertFalse(log.containing("run failed after 0 committed pages: Centra answered HTTP 503").isEmpty(), log.lines().toString());
        assertEquals("failed", h.query("SELECT status FROM sync_runs ORDER BY started_at DESC").get(0).get("status"));

        Observed next = syncWith(() -> { });
        assertSynced(next, 0);
    }
}
