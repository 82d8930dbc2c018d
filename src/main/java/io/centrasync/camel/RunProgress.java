package io.centrasync.camel;

import io.centrasync.run.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A long run's progress: records read, percent done and an ETA when Centra says how many records there are (the
 * connection's {@code totalCount}, see {@code source.paging.totalCount}), else records, pages and rate. Reported
 * after a committed page at most once per interval, and only once a run has lasted that long (a short run says
 * nothing): on a terminal as one live line (carriage return), otherwise as an INFO line. Costs no query: it reads
 * what the run counts anyway.
 */
final class RunProgress {

    private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);

    private final LongSupplier clockMillis;
    private final long intervalMillis;
    private final Consumer<String> out;
    /** a live line that the next one overwrites (a terminal), rather than one line each */
    private final boolean live;
    private final Map<String, State> runs = new ConcurrentHashMap<>();
    private volatile int shownWidth;

    private static final class State {
        final long startMillis;
        final int pagesBefore;
        long lastMillis;

        State(long startMillis, int pagesBefore) {
            this.startMillis = startMillis;
            this.pagesBefore = pagesBefore;
            this.lastMillis = startMillis;
        }
    }

    RunProgress(LongSupplier clockMillis, long intervalMillis, Consumer<String> out, boolean live) {
        this.clockMillis = clockMillis;
        this.intervalMillis = intervalMillis;
        this.out = out;
        this.live = live;
    }

    /** A live bar on stderr when it is a terminal, else INFO lines; at most one per {@code intervalMillis}. */
    static RunProgress forThisProcess(long intervalMillis) {
        if (terminal()) {
            PrintStream err = System.err;
            return new RunProgress(System::currentTimeMillis, Math.min(intervalMillis, 2_000), err::print, true);
        }
        return new RunProgress(System::currentTimeMillis, intervalMillis, LOG::info, false);
    }

    /** Whether stderr is a terminal: a console, and on a JDK that can tell (22+), one that is a terminal. */
    private static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // before JDK 22 a console is a terminal
        }
    }

    void started(SyncRun run) {
        runs.put(run.runId(), new State(clockMillis.getAsLong(), run.pages()));
    }

    /** After each committed page: reports when the interval has passed since the run's start or its last report. */
    void page(SyncRun run) {
        State s = runs.get(run.runId());
        if (s == null) {
            return;
        }
        long now = clockMillis.getAsLong();
        if (now - s.lastMillis < intervalMillis) {
            return;
        }
        s.lastMillis = now;
        String line = line(run.entity(), run.records(), readBefore(run, s), run.totalCount(), run.pages(), now - s.startMillis);
        if (live) {
            int width = shownWidth;
            shownWidth = line.length();
            out.accept("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        } else {
            out.accept(line);
        }
    }

    /** The run ended: the live line, if one was shown, is ended with a newline. */
    void ended(SyncRun run) {
        if (runs.remove(run.runId()) != null && live && shownWidth > 0) {
            shownWidth = 0;
            out.accept(System.lineSeparator());
        }
    }

    /** Records an interrupted run that this one resumes had read already (its pages, at the page size). */
    private static long readBefore(SyncRun run, State s) {
        return (long) s.pagesBefore * Math.max(0, run.mapping().paging().size());
    }

    /**
     * {@code orders: 45,200 of 1,000,000 records (4.5 %), 1,250 records/s, ETA 12m 44s}; without a total
     * {@code orders: 45,200 records, 226 pages, 1,250 records/s}. {@code records}: read by this run, {@code before}: by
     * the run it resumes.
     */
    static String line(String entity, long records, long before, long total, int pages, long elapsedMillis) {
        double rate = elapsedMillis <= 0 ? 0 : records * 1000.0 / elapsedMillis;
        long done = records + before;
        String speed = String.format(Locale.ROOT, "%,d records/s", Math.round(rate));
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s: %,d records, %,d pages, %s", entity, done, pages, speed);
        }
        long shown = Math.min(done, total);
        double percent = 100.0 * shown / total;
        String eta = rate <= 0 ? "unknown" : duration(Math.round((total - shown) / rate));
        return String.format(Locale.ROOT, "%s: %,d of %,d records (%.1f %%), %s, ETA %s", entity, shown, total, percent, speed, eta);
    }

    /** 44s, 12m 44s, 3h 05m. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
