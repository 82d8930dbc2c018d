package io.centrasync.it;

import io.centrasync.camel.SyncApplication;

/** One run watched from outside: its result, how many requests Centra got, how long it took. */
record Observed(SyncApplication.RunResult result, long requests, long millis) {

    /** Runs the entity once on {@code app} (already started, so its start-up is not timed). */
    static Observed run(SyncHarness h, SyncApplication app, String entity, boolean full) {
        long before = h.simulator.requests();
        long start = System.nanoTime();
        SyncApplication.RunResult result = app.runOnce(entity, full);
        return new Observed(result, h.simulator.requests() - before, (System.nanoTime() - start) / 1_000_000);
    }

    String error() {
        return result.error();
    }
}
