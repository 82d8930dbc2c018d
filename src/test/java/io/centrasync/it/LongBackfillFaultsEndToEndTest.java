package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.FaultInjector;
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

    /** A stall past the response timeout of the tests (1 s). */
    static final Duration STALL = Duration.ofMillis(1500);

    @Test
    void aServerErrorOnEveryOtherRequestDoesNotEndTheRun() {
        for (int i = 0; i < PAGES; i++) {
            h.simulator.faults().failNext(1, 500).passNext(1);
        }
        assertSyncedThrough(0);
    }

    /**
     * Every fault a real server and the network in between produce, in turn (FaultInjector.everyOtherRequest):
     * 5xx and 499, 429 with each form of Retry-After, a stall past the response timeout, a truncated body, a closed
     * connection and Centra's internal GraphQL error (HTTP 200 with errors[] of category internal).
     */
    @Test
    void everyKindOfTransientFaultOnEveryOtherRequestIsRetried() {
        List<String> faults = h.simulator.faults().everyOtherRequest(PAGES, STALL);
        long truncated = faults.stream().filter(f -> f.equals("truncated body")).count();
        // a truncated body's head still names the next page, whose request (and the one after it) may go out before the
        // body is found broken; those pages are fetched again after the retry
        assertSyncedThrough((int) (2 * truncated));
    }

    /**
     * The same misbehaving store for a whole {@code sync} as a user runs it: every entity, the rateLimits query on
     * (a fault there only costs it its reading), a fault before every other request until the end: exit 0, and
     * every table equal to the source.
     */
    @Test
    void aSyncOfEveryEntityEndsWellThroughAFaultOnEveryOtherRequest() {
        FaultInjector faults = h.simulator.faults();
        int queued = 2 * faults.everyOtherRequest(150, STALL).size();
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
     * Runs a full orders sync through the faults queued, one before each page request, and checks it;
     * {@code fetchedTwice}: at most this many pages were fetched ahead and again.
     */
    private static void assertSyncedThrough(int fetchedTwice) {
        FaultInjector faults = h.simulator.faults();
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
