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
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A long backfill against a store that misbehaves on every other request: each fault costs one
 * retry of that request, not a share of a budget for the whole run, so the run ends with every
 * order in the database however many pages it has.
 */
class LongBackfillFaultsEndToEndTest {

    static final int ORDERS = 800;
    static final int PAGE_SIZE = 20;
    static final int PAGES = ORDERS / PAGE_SIZE;

    static SyncHarness h;
    static LogCapture log;

    @BeforeAll
    static void start() throws IOException {
        h = new SyncHarness(ORDERS, SmallPages.ordersMapping(Files.createTempDirectory("pages"), PAGE_SIZE).toString());
        // two retries per request, as the harness sets: far fewer than the faults in one run
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
        Secrets.assertCleanLog(log);
    }

    @Test
    void aServerErrorOnEveryOtherRequestDoesNotEndTheRun() {
        assertSyncedThrough(PAGES, faults -> faults.failNext(1, 500), 0);
    }

    /**
     * Every fault a real server and the network in between produce, in turn, on every other request:
     * 5xx, 429 with each form of Retry-After, a stall past the response timeout, a truncated body, a
     * closed connection and Centra's internal GraphQL error (HTTP 200 with errors[]).
     */
    @Test
    void everyKindOfTransientFaultOnEveryOtherRequestIsRetried() {
        Consumer<FaultInjector> truncate = f -> f.truncateNext(1);
        List<Consumer<FaultInjector>> kinds = List.of(
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
        int[] next = {0};
        int truncated = (int) IntStream.range(0, PAGES).filter(i -> kinds.get(i % kinds.size()) == truncate).count();
        // a truncated body's head still names the next page, whose request goes out before the body is found broken;
        // that page is fetched again after the retry
        assertSyncedThrough(PAGES, faults -> kinds.get(next[0]++ % kinds.size()).accept(faults), truncated);
    }

    /**
     * Queues one fault from {@code fault} before each of {@code pages} page requests, runs a full sync, checks it;
     * {@code fetchedTwice}: pages that were fetched ahead and again.
     */
    private static void assertSyncedThrough(int pages, Consumer<FaultInjector> fault, int fetchedTwice) {
        FaultInjector faults = h.simulator.faults();
        for (int i = 0; i < pages; i++) {
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
        assertEquals(2L * pages + fetchedTwice, run.requests(), "each page: one faulty answer, one good one");
        Expected.assertDatabaseEqualsSource(h);
    }
}
