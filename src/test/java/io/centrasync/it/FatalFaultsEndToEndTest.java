package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults that asking again cannot cure: a bad token (403), a rejected query (400), GraphQL
 * {@code errors[]} in a 200. The run fails at once, with no retry, in one line that says what to fix;
 * once the cause is gone the next run converges to Centra's data.
 */
class FatalFaultsEndToEndTest {

    static final int PAGES = 3;
    static final String WRONG_TOKEN = "wrong-token-0d2e7b";

    static SyncHarness h;
    /** The connector with the right token, shared by the tests. */
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
        h.simulator.faults().clear();
        h.simulator.store().touchOrders(3);
        log.clear();
    }

    @AfterEach
    void everyFaultWasServedAndNothingSecretOrNoisyWasLogged() {
        assertEquals(0, h.simulator.faults().pending(), "every injected fault met a request");
        Secrets.assertCleanLog(log, WRONG_TOKEN);
    }

    /** Queues faults, then runs a full sync. */
    private static Observed fullSync(Runnable inject) {
        inject.run();
        return Observed.run(h, app, "orders", true);
    }

    /** Failed at the first request, said so in one line, logged no retry. */
    private static void assertFailedAtOnce(Observed run, int requests, String... expected) {
        assertEquals(requests, run.requests(), "no retry: " + run.error());
        for (String part : expected) {
            assertTrue(run.error().contains(part), run.error());
        }
        assertFalse(run.error().contains("\n"), "one line");
        assertFalse(run.error().contains(SyncHarness.TOKEN) || run.error().contains(WRONG_TOKEN), "no token in the error");
        assertTrue(log.containing("retry attempt").isEmpty(), log.warnings().toString());
        assertEquals(1, log.containing("run failed after").size(), log.lines().toString());
        assertEquals("failed", h.query("SELECT status FROM sync_runs ORDER BY started_at DESC").get(0).get("status"));
    }

    private static void assertNextRunConverges() {
        Observed next = fullSync(() -> { });
        assertNull(next.error());
        assertEquals(PAGES, next.requests());
        Expected.assertDatabaseEqualsSource(h);
    }

    @Test
    void aBadTokenFailsAtOnceInOneClearLine() {
        Observed run;
        try (SyncApplication wrongToken = h.app(WRONG_TOKEN)) {
            run = Observed.run(h, wrongToken, "orders", true);
        }
        assertFailedAtOnce(run, 1, "HTTP 403", "invalid or expired", "CENTRA_TOKEN");
        assertNextRunConverges();
    }

    @Test
    void aRejectedQueryFailsAtOnceShowingCentrasErrors() {
        Observed run = fullSync(() -> h.simulator.faults().failNext(1, 400));
        assertEquals("Centra rejected the query (HTTP 400): Injected fault: HTTP 400", run.error());
        assertFailedAtOnce(run, 1);
        assertNextRunConverges();
    }

    @Test
    void graphqlValidationErrorsInA200FailAtOnce() {
        Observed run = fullSync(() -> h.simulator.faults()
                .graphqlErrorNext(1, "Cannot query field \"colour\" on type \"DirectToConsumerOrder\".", "graphql"));
        assertEquals("Centra returned GraphQL errors: Cannot query field \"colour\" on type \"DirectToConsumerOrder\". [graphql]",
                run.error());
        assertFailedAtOnce(run, 1);
        assertNextRunConverges();
    }

    @Test
    void aMissingPermissionIsNamed() {
        Observed run = fullSync(() -> h.simulator.faults()
                .graphqlErrorNext(1, "You need Order:read permission to access orderConnection.", "authorization"));
        assertFailedAtOnce(run, 1, "lacks a permission", "You need Order:read permission");
        assertNextRunConverges();
    }

    @Test
    void aBadTokenAfterARetryableFailureIsNotRetried() {
        Observed run = fullSync(() -> h.simulator.faults().failNext(1, 503).failNext(1, 403));
        assertEquals(2, run.requests(), "the 503 is retried once, the 403 that answers the retry is not");
        assertTrue(run.error().contains("HTTP 403"), run.error());
        assertEquals(1, log.containing("retry attempt 1/2").size(), log.warnings().toString());
        assertNextRunConverges();
    }

    @Test
    void aFatalErrorMidRunKeepsTheCommittedPagesAndTheNextRunResumesAfterThem() {
        Observed run = fullSync(() -> h.simulator.faults().passNext(2).failNext(1, 400));
        assertEquals(3, run.requests());
        assertTrue(run.error().contains("HTTP 400"), run.error());
        assertEquals(2, ((Number) h.query("SELECT run_pages FROM sync_state WHERE entity = 'orders'").get(0).get("run_pages")).intValue());

        Observed resumed = Observed.run(h, app, "orders", false);
        assertNull(resumed.error());
        assertTrue(resumed.result().run().resumed());
        assertEquals(1, resumed.requests(), "only the page that failed is asked for again");
        Expected.assertDatabaseEqualsSource(h);
    }
}
