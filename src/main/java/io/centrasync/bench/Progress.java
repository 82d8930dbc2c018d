package io.centrasync.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Prints "label: N records, R/s" every few seconds while a long phase runs, so a 1M run shows it is alive. */
final class Progress implements AutoCloseable {

    private static final long EVERY_MS = 10_000;

    private final AtomicLong done = new AtomicLong();
    private final Thread printer;

    Progress(String label, PrintStream out) {
        this(label, out, null);
    }

    /** With {@code source}, the count is read from it instead of being reported through {@link #add}; a null label prints nothing. */
    Progress(String label, PrintStream out, LongSupplier source) {
        long start = System.nanoTime();
        if (label == null) {
            printer = null;
            return;
        }
        printer = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
                long n = source == null ? done.get() : source.getAsLong();
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("  %s: %,d records after %.0f s (%,.0f/s)%n", label, n, seconds, n / seconds);
            }
        }, "bench-progress");
        printer.setDaemon(true);
        printer.start();
    }

    void add(long records) {
        done.addAndGet(records);
    }

    @Override
    public void close() {
        if (printer != null) {
            printer.interrupt();
        }
    }
}
