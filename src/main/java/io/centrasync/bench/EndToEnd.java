package io.centrasync.bench;

import io.centrasync.app.Settings;
import io.centrasync.app.SyncApplication;

/** Phase (c): a full backfill of one entity through the Camel routes, as {@code sync --full} runs it. */
final class EndToEnd {

    private EndToEnd() {
    }

    /** The started connector: not timed (Camel start, table creation). */
    static SyncApplication start(Settings settings, String token) {
        SyncApplication app = SyncApplication.create(settings, token, false);
        app.start();
        return app;
    }

    /** Records, rows and nanoseconds of the run. */
    static long[] run(SyncApplication app, String entity) {
        long start = System.nanoTime();
        SyncApplication.RunResult result = app.runOnce(entity, true);
        long nanos = System.nanoTime() - start;
        if (!result.ok()) {
            throw new IllegalStateException(entity + " failed: " + result.error());
        }
        long rows = app.tableCounts(entity).values().stream().mapToLong(Long::longValue).sum();
        return new long[] {result.run().records(), rows, nanos};
    }
}
