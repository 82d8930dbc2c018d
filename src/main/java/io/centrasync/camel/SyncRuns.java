package io.centrasync.camel;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.run.SyncRun;
import io.centrasync.store.Checkpoints;
import io.centrasync.store.PendingRechecks;
import io.centrasync.store.RunLeases;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.StatefulService;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The start and the end of an entity run, as the route sees them: {@link #start} reads the
 * checkpoint, {@link #finish} moves the watermark once every page is in, {@link #failed} records a
 * run that stopped with an error (its committed pages stay; the next run resumes after them).
 */
public final class SyncRuns {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRuns.class);

    private final Map<String, EntityMapping> mappings;
    private final Checkpoints checkpoints;
    private final PendingRechecks rechecks;
    private final RunMetrics metrics;
    private final Function<Throwable, String> describe;
    /** set by a stop request (SIGTERM during `sync`); shared with the long waits, which end when it is set */
    /** several nodes: whether a run may begin here; else null */
    private final RunLeases leases;
    /** several stores in the process: the runs they may have at once; else null */
    private volatile RunSlots runSlots;
    private final AtomicBoolean stopRequested;
    private final RunProgress progress;

    /**
     * {@code describe} turns a failure into the one line that is logged and stored with the run;
     * {@code stopRequested} is set by {@link #requestStop}.
     */
    SyncRuns(Map<String, EntityMapping> mappings, Checkpoints checkpoints, PendingRechecks rechecks, RunMetrics metrics,
             Function<Throwable, String> describe, AtomicBoolean stopRequested, RunProgress progress, RunLeases leases) {
        this.leases = leases;
        this.stopRequested = stopRequested;
        this.progress = progress;
        this.mappings = mappings;
        this.checkpoints = checkpoints;
        this.rechecks = rechecks;
        this.metrics = metrics;
        this.describe = describe;
    }

    /**
     * Begins a run of {@code entity}: resumes its interrupted one, or starts anew. Null when the run may not begin here
     * (several nodes: the entity's run is live on another one, see {@link RunLeases}).
     */
    public SyncRun start(String entity, Boolean full) {
        return begin(entity, full);
    }

    /**
     * As {@link #start(String, Boolean)}, for the route: with several stores in the process, first waits for one of
     * their shared run slots ({@code stores.max-concurrent-runs}), held until the exchange is done, whatever its end.
     * Null when a stop came first.
     */
    public SyncRun start(String entity, Boolean full, Exchange exchange) {
        if (runSlots != null) {
            if (!runSlots.take(stopRequested::get)) {
                return null;
            }
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    runSlots.give();
                }
            });
        }
        return begin(entity, full);
    }

    private SyncRun begin(String entity, Boolean full) {
        EntityMapping mapping = mappings.get(entity);
        if (mapping == null) {
            throw new IllegalStateException("no mapping for entity '" + entity + "' (expected " + entity + ".yaml in the mappings folder)");
        }
        SyncRun run;
        if (leases == null) {
            run = checkpoints.begin(entity, mapping, Boolean.TRUE.equals(full));
        } else {
            Optional<RunLeases.Holding> holding = mayBegin(entity);
            run = holding.isEmpty() ? null : checkpoints.beginIfHeldBy(entity, mapping, Boolean.TRUE.equals(full), holding.get());
            if (run == null) {
                return null;
            }
        }
        progress.started(run);
        LOG.debug("{}: run {} starts, {}", entity, run.runId(), mode(run)); // a run is one INFO line, at its end
        return run;
    }

    private Optional<RunLeases.Holding> mayBegin(String entity) {
        try {
            return leases.mayBegin(entity, stopRequested::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Shares {@code slots} with the other stores of the process. */
    void shareRunSlots(RunSlots slots) {
        this.runSlots = slots;
    }

    /** How a run reads: a backfill, the changes since its watermark, or a snapshot (staged unless the first one). */
    private static String mode(SyncRun run) {
        return run.since() != null ? (run.since().equals(java.time.Instant.EPOCH) ? "backfill" : "changes since " + run.since())
                : run.staged() ? "snapshot" : "first snapshot";
    }

    /**
     * The page loop's condition: more pages, and no stop asked for. A stopped run keeps its committed
     * checkpoint in flight ({@link #finish} records it as interrupted) and the next run resumes there.
     */
    public boolean more(SyncRun run, Exchange exchange) {
        return run.morePages() && !stopRequested.get() && !stopping(exchange);
    }

    /**
     * Whether the run's route (or all of Camel) is being stopped: its consumer is suspended or stopped first, and the
     * stop waits for the run in flight. Asked here rather than through the loop's breakOnShutdown, which in Camel
     * 4.17 stays set once a route was stopped, so a route started again would never page (CAMEL-26633).
     */
    private static boolean stopping(Exchange exchange) {
        if (exchange == null) {
            return false;
        }
        CamelContext context = exchange.getContext();
        if (context.isStopping() || context.isStopped()) {
            return true;
        }
        Route route = exchange.getFromRouteId() == null ? null : context.getRoute(exchange.getFromRouteId());
        return route != null && route.getConsumer() instanceof StatefulService consumer
                && (consumer.isStopping() || consumer.isStopped() || consumer.isSuspending() || consumer.isSuspended());
    }

    /** SIGTERM during a one-off {@code sync}: every page loop ends after the page in hand. */
    public void requestStop() {
        stopRequested.set(true);
    }

    public boolean stopRequested() {
        return stopRequested.get();
    }

    /**
     * After each page: once the last page is in, an entity with {@code source.recheck} goes on to
     * re-read, by key, the rows that are not yet in a final state. Not after a run that read from the
     * beginning (a backfill, {@code --full}, a changed mapping): it has just read every record.
     */
    public void next(SyncRun run) {
        progress.page(run);
        if (!run.morePages() && !run.rechecking() && run.mapping().recheck().isPresent() && !run.readsEverything()) {
            run.startRecheck(rechecks.batches(run.mapping(), run.startedAt()));
            if (run.recheckBatches() > 0) {
                LOG.debug("{}: re-reading rows not yet final, {} requests", run.entity(), run.recheckBatches());
            }
        }
    }

    public void finish(SyncRun run) {
        progress.ended(run);
        if (run.morePages()) {
            // the page loop was stopped by shutdown: leave the checkpoint in flight for the next run
            interrupted(run, "stopped by shutdown after page " + run.pages(), null);
            return;
        }
        checkpoints.complete(run);
        metrics.ended(run, "ok");
        try {
            metrics.watermark(run.entity(), checkpoints.watermark(run.entity()));
        } catch (RuntimeException e) {
            LOG.debug("{}: watermark not read for the lag gauge: {}", run.entity(), e.getMessage());
        }
        LOG.info("{}: {} records in {} pages, {} written, {} unchanged, {} dead letters, {}s ({})", run.entity(), run.records(),
                run.pagesThisRun(), run.written(), run.unchanged(), run.deadLetters(), String.format("%.1f", run.seconds()),
                mode(run) + (run.rechecking() ? ", rows not yet final re-read" : ""));
    }

    public void failed(SyncRun run, Throwable error) {
        failed(run, error, null);
    }

    /** A run whose request failed again after {@code retries} retries (the route's retry policy ran out). */
    public void failed(SyncRun run, Throwable error, Integer retries) {
        if (run == null) {
            return;
        }
        progress.ended(run);
        String message = (error == null ? "unknown error" : describe.apply(error))
                + (retries == null || retries == 0 ? "" : ", still after " + retries + (retries == 1 ? " retry" : " retries")
                + " of page " + (run.pages() + 1) + " (centra.retries)");
        run.failure(message);
        if (stopRequested.get()) {
            // a wait cut short by the stop request, not a fault: the run resumes next time like any stopped run
            interrupted(run, "stopped after page " + run.pages(), message);
            return;
        }
        checkpoints.interrupted(run, "failed", message);
        metrics.ended(run, "failed");
        LOG.error("{}: run failed after {} committed pages: {}", run.entity(), run.pages(), message);
    }

    /** A run stopped early on purpose: recorded as interrupted, its checkpoint left in flight for the next run. */
    private void interrupted(SyncRun run, String why, String detail) {
        checkpoints.interrupted(run, "interrupted", detail == null ? why : why + " (" + detail + ")");
        metrics.ended(run, "interrupted");
        LOG.info("{}: {}; the next run resumes there", run.entity(), why);
    }
}
