package io.centrasync.bench;

import io.centrasync.camel.Settings;
import io.centrasync.camel.SyncApplication;
import io.centrasync.mapping.EntityMapping;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Phase (c): a full backfill of one entity through the Camel routes, as {@code sync --full} runs it.
 * The connector is started untimed ({@link #prepare}: Camel start, table creation) and kept for the next
 * pass; a warm-up pass over part of a large store ends with a stop request, after which the next pass
 * starts a new connector, as a stopped {@code sync} is followed by a new process.
 */
final class EndToEnd implements WarmUp.Pass, AutoCloseable {

    private static final long STOP_POLL_MILLIS = 20;

    private final Settings settings;
    private final String token;
    private final EntityMapping mapping;
    private final LongSupplier committedRecords;
    private SyncApplication app;

    EndToEnd(Settings settings, String token, EntityMapping mapping, LongSupplier committedRecords) {
        this.settings = settings;
        this.token = token;
        this.mapping = mapping;
        this.committedRecords = committedRecords;
    }

    @Override
    public void prepare() {
        if (app == null) {
            app = SyncApplication.create(settings, token, false);
            app.start();
        }
    }

    /** Records, rows and nanoseconds of the run; with a {@code limit}, the run is stopped once that many records are committed. */
    @Override
    public long[] run(long limit, Progress progress) throws InterruptedException {
        prepare();
        AtomicBoolean stopped = new AtomicBoolean();
        SyncApplication running = app;
        Thread stopper = limit == Long.MAX_VALUE ? null : new Thread(() -> {
            try {
                while (committedRecords.getAsLong() < limit) {
                    Thread.sleep(STOP_POLL_MILLIS);
                }
                stopped.set(true);
                running.requestStop();
            } catch (InterruptedException e) {
                // the run ended first
            }
        }, "bench-stopper");
        if (stopper != null) {
            stopper.setDaemon(true);
            stopper.start();
        }
        long start = System.nanoTime();
        SyncApplication.RunResult result = app.runOnce(mapping.entity(), true);
        long nanos = System.nanoTime() - start;
        if (stopper != null) {
            stopper.interrupt();
            stopper.join();
        }
        if (stopped.get()) {
            // a stop request stays set: the next pass needs a new connector
            app.close();
            app = null;
            return new long[] {result.run().records(), 0, nanos};
        }
        if (!result.ok()) {
            throw new IllegalStateException(mapping.entity() + " failed: " + result.error());
        }
        long rows = app.tableCounts(mapping.entity()).values().stream().mapToLong(Long::longValue).sum();
        return new long[] {result.run().records(), rows, nanos};
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
