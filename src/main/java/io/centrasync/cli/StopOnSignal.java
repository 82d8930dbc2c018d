package io.centrasync.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C during a one-off {@code sync} or {@code demo}: a JVM shutdown hook asks the page
 * loops to stop after the page in hand, then holds the JVM open (up to {@code grace}) until the command
 * has recorded its runs as interrupted, printed its summary and closed the database. Without it the JVM
 * would page on until Camel's own shutdown gives up. Closing this removes the hook.
 */
final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile Runnable stop = () -> { };

    private StopOnSignal(Duration grace) {
        hook = new Thread(() -> {
            System.err.println("centra-sync: stopping after the page in hand (the next sync resumes there)");
            stop.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "centra-sync-stop");
    }

    static StopOnSignal install(Duration grace) {
        StopOnSignal signal = new StopOnSignal(grace);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** What a signal does: ask the application to stop. */
    void onSignal(Runnable action) {
        this.stop = action;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that we are done
        }
    }
}
