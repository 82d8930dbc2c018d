package io.centrasync.it;

import io.centrasync.cli.CentraSyncMain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The connector's command line in a JVM of its own, so that it can be killed like a real process:
 * {@code java -cp <test class path> io.centrasync.cli.CentraSyncMain <args>}, with its output
 * (summary and log) in a file.
 */
final class ConnectorProcess {

    private final Process process;
    private final Path output;

    private ConnectorProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static ConnectorProcess start(Map<String, String> env, Path output, String... args) throws IOException {
        return start(env, output, null, args);
    }

    /** As {@link #start(Map, Path, String...)}, with stderr (the log) in {@code errors} of its own unless null. */
    static ConnectorProcess start(Map<String, String> env, Path output, Path errors, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived JVM on a busy machine: start fast, compile little
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", classPath(), CentraSyncMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
                .directory(new File(System.getProperty("user.dir")));
        if (errors == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(errors.toFile());
        }
        builder.environment().remove("CENTRA_SYNC_CONFIG");
        builder.environment().putAll(env);
        return new ConnectorProcess(builder.start(), output);
    }

    /** Surefire runs tests from a manifest-only jar; its full class path is in this property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    long pid() {
        return process.pid();
    }

    /** SIGSTOP: the process stands still, its connections and sockets open, until {@link #resume}. */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " exited " + code);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code docker stop}, systemd or Ctrl-C send it: shutdown hooks run. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook, no finally block, no last commit. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** The exit code, or a failure with the output when it does not end in time. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the connector did not finish within " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits until the output contains {@code text}; false when the process ended first or the time is up. */
    boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            Thread.sleep(20);
        }
        return false;
    }

    String output() {
        try {
            return new String(Files.readAllBytes(output), StandardCharsets.UTF_8); // lenient: the process may be mid-character
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e.getMessage() + ")";
        }
    }
}
