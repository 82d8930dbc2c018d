package io.centrasync.it;

import io.centrasync.app.SyncApplication;
import io.centrasync.simulator.FaultInjector;
import io.centrasync.simulator.RetryAfterFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long backfill against a store that misbehaves on every other request: each fault costs one
 * retry of that request, not a share of a budget for the whole run, so the run ends with every
 * record in the database however many pages it has.
 */
class LongBackfillFaultsEndToEndTest {

    static final int ORDERS = 800;
    static final int PAGE_SIZE = 20;
    static final int PAGES = ORDERS / PAGE_SIZE;

    static SyncHarness h;
    static String mappings;
    static LogCapture log;

    @BeforeAll
    static void start() throws IOException {
        mappings = SmallPages.ordersMapping(Files.createTempDirectory("pages"), PAGE_SIZE).toString();
        h = new SyncHarness(ORDERS, mappings);
        // the shipped number of retries per request: far fewer than the faults in one run. Fewer would not do: requests
        // besides the page's own (a page fetched ahead from the head of a body that then proves truncated, the rateLimits
        // query read again after a 429) take some of the good answers in between
        h.set("centra.retries", "5");
        h.set("centra.response-timeout", "PT1S");
        log = LogCapture.begin();
    }

    @AfterAll
    static void stop() {
        log.close();
        h.close();
    }

    @BeforeEach
    void clean() {
        h.simulator.faults().clear();
        log.clear();
    }

    @AfterEach
    void nothingSecretWasLogged() {
        h.simulator.faults().clear();
        Secrets.assertCleanLog(log);
    }

    /**
     * Every fault a real server and the network in between produce: 5xx and 499, 429 with each form of
     * Retry-After, a stall past the response timeout, a truncated body ({@code truncate}), a closed
     * connection and Centra's internal GraphQL error (HTTP 200 with errors[] of category internal).
     */
    private static List<Consumer<FaultInjector>> transientFaults(Consumer<FaultInjector> truncate) {
        return List.of(
                f -> f.failNext(1, 500),
                f -> f.failNext(1, 502),
                f -> f.failNext(1, 503, "1"),
                f -> f.rateLimitNext(1, RetryAfterFormat.DELTA_SECONDS, Duration.ofSeconds(1)),
                f -> f.rateLimitNext(1, RetryAfterFormat.HTTP_DATE, Duration.ofSeconds(1)),
                f -> f.rateLimitNext(1, RetryAfterFormat.EPOCH_SECONDS, Duration.ofSeconds(1)),
                f -> f.stallNext(1, Duration.ofMillis(1500)),
                truncate,
                f -> f.resetNext(1),
                f -> f.graphqlErrorNext(1, "Internal server error", "internal"),
                f -> f.failNext(1, 499));
    }

    @Test
    void aServerErrorOnEveryOtherRequestDoesNotEndTheRun() {
        assertSyncedThrough(faults -> faults.failNext(1, 500), 0);
    }

    @Test
    void everyKindOfTransientFaultOnEveryOtherRequestIsRetried() {
        Consumer<FaultInjector> truncate = f -> f.truncateNext(1);
        List<Consumer<FaultInjector>> kinds = transientFaults(truncate);
        int truncated = (int) IntStream.range(0, PAGES).filter(i -> kinds.get(i % kinds.size()) == truncate).count();
        int[] next = {0};
        // a truncated body's head still names the next page, whose request (and the one after it) may go out before the
        // body is found broken; those pages are fetched again after the retry
        assertSyncedThrough(faults -> kinds.get(next[0]++ % kinds.size()).accept(faults), 2 * truncated);
    }

    /**
     * The same misbehaving store for a whole {@code sync} as a user runs it: every entity, the rateLimits query on
     * (a fault there only costs it its reading), a fault before every other request until the end: exit 0, and
     * every table equal to the source.
     */
    @Test
    void aSyncOfEveryEntityEndsWellThroughAFaultOnEveryOtherRequest() {
        FaultInjector faults = h.simulator.faults();
        List<Consumer<FaultInjector>> kinds = transientFaults(f -> f.truncateNext(1));
        int queued = 0;
        for (int i = 0; i < 150; i++) {
            kinds.get(i % kinds.size()).accept(faults);
            faults.passNext(1);
            queued += 2;
        }
        Map<String, String> env = CommandLineTest.env(h);
        env.put("SINK_JDBC_URL", h.jdbcUrl);
        env.put("MAPPINGS_DIR", mappings);
        env.put("CENTRA_RETRIES", "5");
        env.put("CENTRA_RETRY_BACKOFF", "PT0.05S");
        env.put("CENTRA_RETRY_BACKOFF_MAX", "PT0.2S");
        env.put("CENTRA_RESPONSE_TIMEOUT", "PT1S");
        long before = h.simulator.requests();
        CommandLineTest.Result r = CommandLineTest.cli(env, "sync", "--full");
        long requests = h.simulator.requests() - before;

        assertEquals(0, r.code(), r.all());
        assertTrue(faults.pending() > 0, "the faults ran out before the sync ended: queue more");
        assertEquals(queued - faults.pending(), requests, "every request met a fault or a pass, in turn");
        assertTrue(requests > 2 * PAGES, "every entity, each page after a fault: " + requests + " requests");
        Expected.assertDatabaseEqualsSource(h);
        Expected.assertStockEqualsSource(h);
        Expected.assertIndeliveriesEqualSource(h);
    }

    /**
     * Queues one fault from {@code fault} before each page request of a full orders sync, runs it and checks
     * it; {@code fetchedTwice}: at most this many pages were fetched ahead and again.
     */
    private static void assertSyncedThrough(Consumer<FaultInjector> fault, int fetchedTwice) {
        FaultInjector faults = h.simulator.faults();
        for (int i = 0; i < PAGES; i++) {
            fault.accept(faults);
            faults.passNext(1);
        }
        Observed run;
        try (SyncApplication app = h.app()) {
            run = Observed.run(h, app, "orders", true);
        }
        assertNull(run.error(), "the run failed: " + run.error());
        assertEquals(0, faults.pending(), "every injected fault met a request");
        assertEquals(ORDERS, run.result().run().records());
        assertTrue(run.requests() >= 2L * PAGES && run.requests() <= 2L * PAGES + fetchedTwice,
                "each page: one faulty answer, one good one; " + run.requests() + " requests");
        Expected.assertDatabaseEqualsSource(h);
    }
}
