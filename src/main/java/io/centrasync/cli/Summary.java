package io.centrasync.cli;

import io.centrasync.camel.ExitCode;
import io.centrasync.camel.SyncApplication;
import io.centrasync.run.SyncRun;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The table printed after {@code sync} and {@code demo}. */
final class Summary {

    private Summary() {
    }

    static void print(PrintStream out, List<SyncApplication.RunResult> results, Map<String, Map<String, Long>> tableCounts) {
        String format = "%-26s %9s %9s %7s %8s %12s  %s%n";
        out.printf(format, "entity", "rows", "written", "pages", "seconds", "dead_letters", "tables");
        for (SyncApplication.RunResult r : results) {
            SyncRun run = r.run();
            String tables = tableCounts.getOrDefault(r.entity(), Map.of()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            if (run == null) {
                out.printf(format, r.entity(), "-", "-", "-", "-", "-", "FAILED: " + r.error());
                continue;
            }
            out.printf(format, r.entity(), run.records(), run.written(), run.pagesThisRun(), String.format("%.1f", run.seconds()),
                    run.deadLetters(), r.ok() ? tables : ("interrupted".equals(run.status()) ? "STOPPED: " : "FAILED: ") + r.error());
        }
    }

    /** 0 ok, 1 a run failed, 3 all finished but records were dead-lettered. */
    static int exitCode(List<SyncApplication.RunResult> results) {
        if (results.stream().anyMatch(r -> !r.ok())) {
            return ExitCode.SYNC_FAILED;
        }
        if (results.stream().anyMatch(r -> r.run() != null && r.run().deadLetters() > 0)) {
            return ExitCode.DEAD_LETTERS;
        }
        return ExitCode.OK;
    }
}
