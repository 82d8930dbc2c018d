package io.centrasync.run;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncRunTest {

    /** The summary of a sync reads every run's duration after the last one ended: it must be the run's own. */
    @Test
    void aRunsDurationStopsWhenItEnds() throws InterruptedException {
        SyncRun run = new SyncRun("orders", null, false, false, Instant.now(), null, false, null, 0, null);
        run.status("ok");
        double atEnd = run.seconds();
        Thread.sleep(120);
        assertEquals(atEnd, run.seconds(), "read later, the duration is the same");
        assertTrue(atEnd < 0.1, "the run took no time: " + atEnd);
    }
}
