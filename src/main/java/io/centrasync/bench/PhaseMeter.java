package io.centrasync.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;

/**
 * Started right before the timed part of a phase: memory peaks and CPU of this JVM, the simulator and PostgreSQL.
 * With the environment variable {@code BENCH_JFR} set to a folder, the timed part is also recorded with Java Flight
 * Recorder's "profile" settings into {@code <folder>/<phase label>.jfr}, for {@code jfr print} or JDK Mission Control.
 * With {@code BENCH_THREAD_CPU} set, it prints the timed part's CPU seconds per thread (group), of those using at least
 * 0.05 s or the number it is set to.
 */
final class PhaseMeter {

    private final ResourceMonitor memory = new ResourceMonitor();
    private final long simulatorPid;
    private final double connector0 = CpuClock.thisProcess();
    private final double simulator0;
    private final double database0 = CpuClock.processesNamed("postgres");

    /** {@code BENCH_THREAD_CPU} as the least CPU seconds a thread (group) needs to be listed, 0.05 unless it is a number */
    private static final double THREAD_CPU_THRESHOLD = threadCpuThreshold();

    private final String label;
    /** per-thread CPU at the start, read only when BENCH_THREAD_CPU asks for the breakdown */
    private final Map<String, Double> threads0 = System.getenv("BENCH_THREAD_CPU") == null ? null : CpuClock.thisProcessByThread();
    private final Recording recording;
    private final Path recordingFile;

    /** {@code label}: the phase as printed; null for a warm-up pass, which records and prints nothing. */
    PhaseMeter(long simulatorPid, String label) {
        this.simulatorPid = simulatorPid;
        this.label = label;
        this.simulator0 = CpuClock.process(simulatorPid);
        String folder = System.getenv("BENCH_JFR");
        if (folder == null || folder.isBlank() || label == null) {
            recording = null;
            recordingFile = null;
        } else {
            recordingFile = Path.of(folder, label.replaceAll("[^A-Za-z0-9._-]+", "_") + ".jfr");
            recording = startRecording();
        }
    }

    /**
     * With {@code BENCH_JFR} set: starts the flight recorder now, at the worker's start. Its first start
     * instruments JDK classes and throws away compiled code, which in the middle of a phase would send the
     * timed run back to the interpreter; this recording only takes that cost early and records nothing kept.
     */
    static void startRecorderEarly() {
        String folder = System.getenv("BENCH_JFR");
        if (folder != null && !folder.isBlank()) {
            startRecording();
        }
    }

    private static Recording startRecording() {
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.start();
            return r;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start the flight recording: " + e.getMessage(), e);
        }
    }

    PhaseResult stop(long records, long rows, long nanos) {
        PhaseResult.Cpu cpu = new PhaseResult.Cpu(delta(connector0, CpuClock.thisProcess()),
                delta(simulator0, CpuClock.process(simulatorPid)), delta(database0, CpuClock.processesNamed("postgres")));
        ResourceMonitor.Peaks peaks = memory.stop();
        if (threads0 != null && label != null) {
            StringBuilder line = new StringBuilder("  " + label + " CPU seconds by thread:");
            CpuClock.thisProcessByThread().forEach((name, t) -> {
                double d = t - threads0.getOrDefault(name, 0.0);
                if (d >= THREAD_CPU_THRESHOLD) {
                    line.append(String.format(" %s %.2f,", name, d));
                }
            });
            System.out.println(line.substring(0, line.length() - 1));
        }
        if (recording != null) {
            try (recording) {
                Files.createDirectories(recordingFile.getParent());
                recording.dump(recordingFile);
            } catch (IOException e) {
                System.err.println("  cannot write " + recordingFile + ": " + e.getMessage());
            }
        }
        return new PhaseResult(records, rows, nanos / 1e9, peaks.heapMb(), peaks.heapAfterGcMb(), peaks.rssMb(), cpu);
    }

    private static double threadCpuThreshold() {
        try {
            return Double.parseDouble(System.getenv("BENCH_THREAD_CPU"));
        } catch (RuntimeException e) {
            return 0.05;
        }
    }

    private static double delta(double before, double after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
