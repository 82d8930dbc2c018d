package io.centrasync.bench;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * Untimed passes of a phase before its measurement, against the same simulator and target, until the
 * JIT compiler is done with what the phase runs: a long backfill spends its time in compiled code, and
 * a run of a few seconds measured earlier would mostly measure the compiler. On two cores the compiler
 * thread takes CPU from everything else, and code run once per page (Camel's exchange machinery, the
 * JDBC commit) reaches the optimising compiler only after thousands of pages, so one pass is not enough.
 *
 * <p>Passes go on until the compiler stayed quiet over the last {@value #QUIET_WINDOW_MILLIS} ms of passes
 * (at least two): it spent under {@value #QUIET_SHARE_PERCENT}% of that time compiling. Compilation comes
 * in bursts, so a pass or two of a small store without any proves little: deliveries of a 10k store
 * (30 pages a pass) had two quiet passes in a row after 24 s and then compiled for a fifth of the timed
 * runs, and only after ~250 passes (~7,500 pages, 80-100 s) was it quiet for good. The warm-up also
 * ends after {@value #MAX_PASSES} passes or at the time cap. The tables are emptied after each pass, so
 * the timed run is again a backfill into empty tables.
 */
final class WarmUp {

    static final int QUIET_SHARE_PERCENT = 2;
    static final long QUIET_WINDOW_MILLIS = 5_000;
    private static final int QUIET_PASSES = 2;
    /** A store of 1,000 purchase orders takes about 100 ms a pass; --warmup-seconds bounds the passes too. */
    static final int MAX_PASSES = 1_000;

    /** One pass over at most {@code limit} records (the timed run is a pass without limit); returns records, rows, nanoseconds. */
    interface Pass {
        long[] run(long limit, Progress progress) throws Exception;

        /** What the timed run should not count (starting the connector); called before it. */
        default void prepare() throws Exception {
        }
    }

    /** Undoes a pass's writes. */
    interface Reset {
        void run() throws Exception;
    }

    record Summary(int passes, double seconds, int lastCompilePercent, boolean quiet) {
        String describe() {
            return String.format("%d passes, %.0f s, %s, compiling %d%% of the last pass", passes, seconds,
                    quiet ? "the compiler is quiet" : "stopped by the cap, the compiler is still busy", lastCompilePercent);
        }
    }

    private WarmUp() {
    }

    /** No passes when {@code passRecords} is 0; otherwise at least one, each over at most {@code passRecords} records. */
    static Summary run(Pass pass, Reset reset, long passRecords, long maxSeconds, PrintStream out, String label) throws Exception {
        return run(pass, reset, passRecords, maxSeconds, out, label, WarmUp::compileMillis, QUIET_WINDOW_MILLIS);
    }

    /** {@code compileMillis}: the JIT's work so far (a test can stand in for the JVM's); {@code quietWindowMillis}: see the class. */
    static Summary run(Pass pass, Reset reset, long passRecords, long maxSeconds, PrintStream out, String label,
                       LongSupplier compileMillis, long quietWindowMillis) throws Exception {
        if (passRecords <= 0) {
            return new Summary(0, 0, 0, false);
        }
        long start = System.nanoTime();
        int passes = 0;
        int compilePercent;
        Deque<long[]> recent = new ArrayDeque<>(); // {pass millis, compile millis} of the passes in the window, newest first
        boolean quiet;
        do {
            long compile0 = compileMillis.getAsLong();
            long pass0 = System.nanoTime();
            try (Progress silent = new Progress(null, out)) {
                pass.run(passRecords, silent);
            }
            reset.run();
            passes++;
            long passMillis = Math.max(1, (System.nanoTime() - pass0) / 1_000_000);
            long compiled = compileMillis.getAsLong() - compile0;
            compilePercent = (int) Math.min(100, 100 * compiled / passMillis);
            recent.addFirst(new long[] {passMillis, compiled});
            quiet = quietFor(recent, quietWindowMillis);
        } while (!quiet && passes < MAX_PASSES && (System.nanoTime() - start) / 1e9 < maxSeconds);
        Summary summary = new Summary(passes, (System.nanoTime() - start) / 1e9, compilePercent, quiet);
        if (label != null) {
            out.printf("  %s warm-up: %s%n", label, summary.describe());
        }
        return summary;
    }

    /**
     * Whether the newest passes covering {@code windowMillis} (at least {@value #QUIET_PASSES}) compiled under
     * {@value #QUIET_SHARE_PERCENT}% of their time; drops passes older than the window from {@code recent}.
     */
    static boolean quietFor(Deque<long[]> recent, long windowMillis) {
        long millis = 0;
        long compiled = 0;
        int passes = 0;
        Iterator<long[]> newestFirst = recent.iterator();
        while (newestFirst.hasNext() && (millis < windowMillis || passes < QUIET_PASSES)) {
            long[] p = newestFirst.next();
            millis += p[0];
            compiled += p[1];
            passes++;
        }
        while (recent.size() > passes) {
            recent.removeLast();
        }
        return millis >= windowMillis && passes >= QUIET_PASSES && 100 * compiled < QUIET_SHARE_PERCENT * millis;
    }

    /** Milliseconds the JIT compiler threads have worked so far (0 where the JVM does not say). */
    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
