package io.centrasync.bench;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Untimed passes of a phase before its measurement, against the same simulator and target, until the
 * JIT compiler is done with what the phase runs: a long backfill spends its time in compiled code, and
 * a run of a few seconds measured earlier would mostly measure the compiler. On two cores the compiler
 * thread takes CPU from everything else, and code run once per page (Camel's exchange machinery, the
 * JDBC commit) reaches the optimising compiler only after hundreds of pages, so one pass is not enough.
 *
 * <p>Passes go on until two in a row spent under {@value #QUIET_SHARE_PERCENT}% of their time compiling,
 * or until {@value #MAX_PASSES} passes or the time cap. The tables are emptied after each pass, so the
 * timed run is again a backfill into empty tables.
 */
final class WarmUp {

    static final int QUIET_SHARE_PERCENT = 5;
    private static final int QUIET_PASSES = 2;
    /**
     * A store of 1,000 purchase orders takes about 100 ms a pass, and code run once per page is still being
     * compiled after 40 such passes; --warmup-seconds bounds the passes of a store that never gets quiet.
     */
    static final int MAX_PASSES = 400;

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

    record Summary(int passes, double seconds, int lastCompilePercent) {
        String describe() {
            return String.format("%d passes, %.0f s, compiling %d%% of the last pass", passes, seconds, lastCompilePercent);
        }
    }

    private WarmUp() {
    }

    /** No passes when {@code passRecords} is 0; otherwise at least one, each over at most {@code passRecords} records. */
    static Summary run(Pass pass, Reset reset, long passRecords, long maxSeconds, PrintStream out, String label) throws Exception {
        return run(pass, reset, passRecords, maxSeconds, out, label, WarmUp::compileMillis);
    }

    /** {@code compileMillis}: the JIT's work so far (a test can stand in for the JVM's). */
    static Summary run(Pass pass, Reset reset, long passRecords, long maxSeconds, PrintStream out, String label,
                       LongSupplier compileMillis) throws Exception {
        if (passRecords <= 0) {
            return new Summary(0, 0, 0);
        }
        long start = System.nanoTime();
        int passes = 0;
        int quiet = 0;
        int compilePercent;
        do {
            long compile0 = compileMillis.getAsLong();
            long pass0 = System.nanoTime();
            try (Progress silent = new Progress(null, out)) {
                pass.run(passRecords, silent);
            }
            reset.run();
            passes++;
            long passMillis = Math.max(1, (System.nanoTime() - pass0) / 1_000_000);
            compilePercent = (int) Math.min(100, 100 * (compileMillis.getAsLong() - compile0) / passMillis);
            quiet = compilePercent < QUIET_SHARE_PERCENT ? quiet + 1 : 0;
        } while (quiet < QUIET_PASSES && passes < MAX_PASSES && (System.nanoTime() - start) / 1e9 < maxSeconds);
        Summary summary = new Summary(passes, (System.nanoTime() - start) / 1e9, compilePercent);
        if (label != null) {
            out.printf("  %s warm-up: %s%n", label, summary.describe());
        }
        return summary;
    }

    /** Milliseconds the JIT compiler threads have worked so far (0 where the JVM does not say). */
    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
