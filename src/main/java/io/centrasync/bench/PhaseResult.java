package io.centrasync.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

/**
 * What one phase measured, handed from the phase's JVM to the bench command through a small file.
 *
 * @param records       root records (orders) the phase handled
 * @param rows          rows written over all tables (0 for the fetch phase)
 * @param seconds       wall-clock time of the timed part only
 * @param heapMb        peak heap in use, garbage included
 * @param heapAfterGcMb peak heap left after a collection
 * @param rssMb         peak resident set of the phase's JVM
 * @param cpu           CPU seconds during the timed part of: the phase's JVM, the simulator, the PostgreSQL server
 *                      (all its sessions); -1 where not measurable
 */
record PhaseResult(long records, long rows, double seconds, long heapMb, long heapAfterGcMb, long rssMb, Cpu cpu) {

    record Cpu(double connector, double simulator, double database) {
    }

    double recordsPerSecond() {
        return seconds <= 0 ? 0 : records / seconds;
    }

    /** Of repeated measurements: the fastest run, with the highest memory peaks seen in any of them. */
    static PhaseResult best(List<PhaseResult> runs) {
        PhaseResult fastest = runs.stream().max(Comparator.comparingDouble(PhaseResult::recordsPerSecond)).orElseThrow();
        return new PhaseResult(fastest.records, fastest.rows, fastest.seconds,
                runs.stream().mapToLong(PhaseResult::heapMb).max().orElse(-1),
                runs.stream().mapToLong(PhaseResult::heapAfterGcMb).max().orElse(-1),
                runs.stream().mapToLong(PhaseResult::rssMb).max().orElse(-1), fastest.cpu);
    }

    /**
     * Of back-to-back timed runs of one small store: one run's records and rows, the mean time and CPU,
     * and the highest memory peaks.
     */
    static PhaseResult mean(List<PhaseResult> runs) {
        PhaseResult last = runs.get(runs.size() - 1);
        int n = runs.size();
        return new PhaseResult(last.records, last.rows, runs.stream().mapToDouble(PhaseResult::seconds).sum() / n,
                runs.stream().mapToLong(PhaseResult::heapMb).max().orElse(-1),
                runs.stream().mapToLong(PhaseResult::heapAfterGcMb).max().orElse(-1),
                runs.stream().mapToLong(PhaseResult::rssMb).max().orElse(-1),
                new Cpu(meanCpu(runs, Cpu::connector), meanCpu(runs, Cpu::simulator), meanCpu(runs, Cpu::database)));
    }

    /** -1 (not measurable) if any run could not measure it. */
    private static double meanCpu(List<PhaseResult> runs, java.util.function.ToDoubleFunction<Cpu> part) {
        double sum = 0;
        for (PhaseResult r : runs) {
            double v = part.applyAsDouble(r.cpu);
            if (v < 0) {
                return -1;
            }
            sum += v;
        }
        return sum / runs.size();
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("records", Long.toString(records));
        p.setProperty("rows", Long.toString(rows));
        p.setProperty("seconds", Double.toString(seconds));
        p.setProperty("heapMb", Long.toString(heapMb));
        p.setProperty("heapAfterGcMb", Long.toString(heapAfterGcMb));
        p.setProperty("rssMb", Long.toString(rssMb));
        p.setProperty("cpu.connector", Double.toString(cpu.connector()));
        p.setProperty("cpu.simulator", Double.toString(cpu.simulator()));
        p.setProperty("cpu.database", Double.toString(cpu.database()));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    static PhaseResult read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new PhaseResult(Long.parseLong(p.getProperty("records")), Long.parseLong(p.getProperty("rows")),
                Double.parseDouble(p.getProperty("seconds")), Long.parseLong(p.getProperty("heapMb")),
                Long.parseLong(p.getProperty("heapAfterGcMb")), Long.parseLong(p.getProperty("rssMb")),
                new Cpu(Double.parseDouble(p.getProperty("cpu.connector")), Double.parseDouble(p.getProperty("cpu.simulator")),
                        Double.parseDouble(p.getProperty("cpu.database"))));
    }
}
