package io.centrasync.centra;

import java.util.function.BooleanSupplier;

/**
 * Sleeps in short slices so a pacing wait ends soon after shutdown begins (an hourly bucket can ask
 * for minutes); the abandoned wait fails the fetch, and the next run resumes at the same page.
 */
public final class StoppableSleeper implements RateBudget.Sleeper {

    private static final long SLICE_MILLIS = 200;

    private final BooleanSupplier stopping;

    public StoppableSleeper(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
            if (stopping.getAsBoolean()) {
                throw new CentraException("stopped by shutdown while waiting for Centra's rate limit", false);
            }
            Thread.sleep(Math.min(left, SLICE_MILLIS));
        }
    }
}
