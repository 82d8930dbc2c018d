package io.centrasync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds used so far by this JVM, by another process, or by all processes of one name (the
 * PostgreSQL server's backends), from {@code /proc}; -1 where that is not available. Differences of
 * these around a phase say which process the time went to.
 */
final class CpuClock {

    /** Linux reports {@code utime}/{@code stime} in clock ticks, 100 per second on every common kernel. */
    private static final double TICKS = 100.0;

    private CpuClock() {
    }

    static double thisProcess() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    static double process(long pid) {
        return pid <= 0 ? -1 : ticks(Path.of("/proc", Long.toString(pid), "stat"), null);
    }

    /** Summed over every process with this command name (e.g. {@code postgres}), as far as they are visible. */
    static double processesNamed(String command) {
        double total = 0;
        boolean any = false;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                double t = ticks(proc.resolve("stat"), command);
                if (t >= 0) {
                    total += t;
                    any = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return any ? total : -1;
    }

    /**
     * CPU seconds of this JVM's live threads, summed by thread name with digits dropped (Linux keeps the first 15
     * characters), so JIT compiler, garbage collector and our own threads can be told apart.
     */
    static Map<String, Double> thisProcessByThread() {
        Map<String, Double> byName = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    // the JVM's first thread keeps the process's name
                    name = name.equals("java") ? "main" : name;
                    double t = ticks(task.resolve("stat"), null);
                    if (t >= 0) {
                        byName.merge(name, t, Double::sum);
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byName;
    }

    /** utime + stime of one /proc/PID/stat, if its command is {@code command} (or any when null). */
    private static double ticks(Path stat, String command) {
        try {
            String s = Files.readString(stat);
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            if (command != null && !s.substring(open + 1, close).equals(command)) {
                return -1;
            }
            String[] f = s.substring(close + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime field 14, stime field 15
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
