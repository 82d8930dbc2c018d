package io.centrasync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one {@link PhaseWorker} JVM and reads back its result; its output goes to ours (progress lines). */
final class WorkerProcess {

    private WorkerProcess() {
    }

    /** The connector JVMs' heap and options (GC shape). */
    record ConnectorJvm(String maxHeap, List<String> options) {
    }

    /** {@code warmup}: records per untimed warm-up pass, 0 for none; passes for at most {@code warmupSeconds} (see {@link WarmUp}). */
    static PhaseResult run(ConnectorJvm jvm, Phase phase, String entity, SimulatorProcess simulator, String token, BenchTarget target,
                           long limit, long warmup, long warmupSeconds, String label) throws IOException, InterruptedException {
        Path result = Files.createTempFile("centra-bench-", ".properties");
        try {
            List<String> args = new ArrayList<>(List.of("--phase", phase.label(), "--entity", entity, "--endpoint", simulator.endpoint(),
                    "--simulator-pid", Long.toString(simulator.pid()), "--result", result.toString(), "--label", label,
                    "--limit", Long.toString(limit), "--warmup", Long.toString(warmup), "--warmup-seconds", Long.toString(warmupSeconds)));
            if (target != null) {
                args.addAll(List.of("--db-url", target.url(), "--db-user", target.user(), "--schema", target.schema()));
            }
            ProcessBuilder pb = new ProcessBuilder(JavaProcesses.connector(jvm.maxHeap(), jvm.options(), PhaseWorker.class.getName(), args));
            pb.environment().put("CENTRA_TOKEN", token);
            pb.environment().put("BENCH_DB_PASSWORD", target == null ? "" : target.password());
            pb.inheritIO();
            int code = JavaProcesses.waitForOrTakeDown(pb.start());
            if (code != 0) {
                throw new IOException(label + " failed (exit " + code + "), see above");
            }
            return PhaseResult.read(result);
        } finally {
            Files.deleteIfExists(result);
        }
    }
}
