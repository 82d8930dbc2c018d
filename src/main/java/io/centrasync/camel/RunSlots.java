package io.centrasync.camel;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How many entity runs the stores of one process may have at once ({@code stores.max-concurrent-runs}): each run
 * holds pages in memory (the one being written and those fetched ahead), so fifty stores syncing at once would need
 * fifty times that. A run waits for a slot before it begins; the others keep their schedules.
 */
final class RunSlots {

    /** How often a waiting run looks whether a stop was asked for. */
    private static final long LOOK_MILLIS = 250;

    private final Semaphore slots;

    RunSlots(int slots) {
        this.slots = new Semaphore(slots, true);
    }

    /** Waits for a slot; false when a stop was asked for first. */
    boolean take(BooleanSupplier stopping) {
        try {
            while (!slots.tryAcquire(LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stopping.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void give() {
        slots.release();
    }
}
