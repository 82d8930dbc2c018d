package io.centrasync.bench;

import io.centrasync.simulator.CentraSimulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Centra simulator in a JVM of its own ({@code simulator} command of this jar, 2 GB heap), so its
 * CPU and memory do not count as the connector's. Listens on a free loopback port.
 */
final class SimulatorProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Centra simulator ready: (\\S+)");

    private final Process process;
    private final String endpoint;
    /** takes the simulator down should the bench be stopped by a kill (see JavaProcesses.takeDownOnExit) */
    private final Thread takeDown;

    private SimulatorProcess(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.takeDown = JavaProcesses.takeDownOnExit(process);
    }

    /** {@code options}: more simulator options, e.g. {@code --rate-limit growth} or {@code --purchase-orders 1000}. */
    static SimulatorProcess start(int orders, String token, String maxHeap, List<String> options) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--orders", Integer.toString(orders),
                "--token", token));
        args.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(JavaProcesses.simulator(maxHeap, CentraSimulator.class.getName(), args));
        pb.redirectErrorStream(true);
        Process process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                drain(out);
                return new SimulatorProcess(process, m.group(1));
            }
            seen.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new IOException("the simulator did not start:\n" + seen);
    }

    /** Keeps reading the simulator's output so it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "simulator-output");
        t.setDaemon(true);
        t.start();
    }

    String endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        JavaProcesses.forget(takeDown);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
