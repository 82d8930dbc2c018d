package io.centrasync.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's results: one line per (orders generated, database, entity), then where the CPU went. */
final class ResultTable {

    /** One line; a phase that was not run is null. */
    record Line(int orders, String database, String entity, PhaseResult fetch, PhaseResult write, PhaseResult e2e) {
    }

    private static final String FORMAT = "%9s  %-8s  %-8s %9s  %9s  %9s  %9s  %5s  %7s  %7s  %6s%n";
    private static final String CPU_FORMAT = "%9s  %-8s  %-8s  %-22s  %-22s  %-22s%n";

    private final List<Line> lines = new ArrayList<>();

    void add(Line line) {
        lines.add(line);
    }

    static void header(PrintStream out) {
        out.printf(FORMAT, "N", "database", "entity", "records", "a fetch/s", "b write/s", "c e2e/s", "c/min", "heap MB", "heap GC",
                "RSS MB");
    }

    static void print(PrintStream out, Line l) {
        PhaseResult memory = l.e2e() != null ? l.e2e() : l.write() != null ? l.write() : l.fetch();
        double minAb = Math.min(rate(l.fetch()), rate(l.write()));
        String ratio = l.e2e() == null || l.fetch() == null || l.write() == null ? "-" : String.format("%.2f", rate(l.e2e()) / minAb);
        out.printf(FORMAT, l.orders(), l.database(), l.entity(), memory == null ? "-" : String.format("%,d", memory.records()),
                perSecond(l.fetch()), perSecond(l.write()), perSecond(l.e2e()), ratio,
                memory == null ? "-" : memory.heapMb(), memory == null ? "-" : memory.heapAfterGcMb(),
                memory == null ? "-" : memory.rssMb());
    }

    void print(PrintStream out) {
        header(out);
        lines.forEach(l -> print(out, l));
        out.println("records/s: a = fetch and parse only, b = mapped rows batch-upserted with plain JDBC, c = full backfill"
                + " through the Camel routes; c/min = c / min(a, b). Each line runs b, a, c in that order, so a and c see the machine alike.");
        out.println("memory of the connector JVM during c (each phase runs in a JVM of its own): heap MB = peak heap in use"
                + " (garbage included), heap GC = peak heap left after a collection, RSS MB = peak resident set (VmHWM).");
        out.println();
        out.printf(CPU_FORMAT, "N", "database", "entity", "a: conn/sim/pg", "b: conn/sim/pg", "c: conn/sim/pg");
        for (Line l : lines) {
            out.printf(CPU_FORMAT, l.orders(), l.database(), l.entity(), cpu(l.fetch()), cpu(l.write()), cpu(l.e2e()));
        }
        out.println("CPU seconds per 10,000 records during the timed part: connector JVM (H2 runs inside it) / simulator JVM /"
                + " all PostgreSQL processes (other sessions included); b also fetches and maps untimed, so only its pg column counts.");
    }

    private static String cpu(PhaseResult r) {
        if (r == null || r.records() == 0) {
            return "-";
        }
        double per = 10_000.0 / r.records();
        return String.format("%s / %s / %s", seconds(r.cpu().connector(), per), seconds(r.cpu().simulator(), per),
                seconds(r.cpu().database(), per));
    }

    private static String seconds(double cpu, double per) {
        return cpu < 0 ? "-" : String.format("%.1f", cpu * per);
    }

    private static double rate(PhaseResult r) {
        return r == null ? Double.NaN : r.recordsPerSecond();
    }

    private static String perSecond(PhaseResult r) {
        return r == null ? "-" : String.format("%,.0f", r.recordsPerSecond());
    }
}
