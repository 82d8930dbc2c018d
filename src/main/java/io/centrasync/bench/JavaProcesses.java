package io.centrasync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs running this same jar or classpath. */
final class JavaProcesses {

    /**
     * The garbage collector of the Docker image's connector JVM (see Dockerfile), for its 256 MB heap.
     * A backfill is a throughput job with a small live set, where the parallel collector costs less CPU
     * than G1. Half the heap young, with survivor spaces large enough for the pages in flight (fetched
     * ahead, being written), and no adaptive resizing: with the default shapes those pages outgrew the
     * survivors and were promoted. The old generation starts small (32 MB) and grows only as far as the
     * live set needs (at least 20 % free after a full collection): H2's cache pages outlive 15 young
     * collections, are promoted and then die there, and an old generation of its full 128 MB let that
     * garbage pile up with the length of the run (peak heap 1.4-1.8x from 10k to 1M orders; 1.16x so).
     */
    static final List<String> CONNECTOR_OPTIONS = connectorOptions("256m");

    /**
     * Every JVM of the bench (connector phases and simulator) compiles at a tenth of HotSpot's usual invocation
     * counts. Code that runs once per page (Camel's exchange steps, the HTTP client, H2's commit) is called a few
     * hundred times a second, so at the default thresholds it reaches the optimising compiler only after minutes:
     * within the warm-up's 120 s the compiler went on through the timed runs of the end-to-end phase and took up to
     * a third of a core beside a 0.3 s run of 5,000 purchase orders. A connector that runs for hours gets there
     * anyway; the bench gets there sooner. It comes before the other options, so --jvm-options can override it.
     */
    static final List<String> STEADY_STATE_OPTIONS = List.of("-XX:CompileThresholdScaling=0.1");

    /** {@link #CONNECTOR_OPTIONS} scaled to another maximum heap (the bench's {@code --xmx}). */
    static List<String> connectorOptions(String maxHeap) {
        long mb = megabytes(maxHeap);
        return List.of("-XX:+UseParallelGC", "-XX:-UseAdaptiveSizePolicy", "-Xmn" + mb / 2 + "m", "-Xms" + mb * 5 / 8 + "m",
                "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40", "-XX:SurvivorRatio=4", "-XX:MaxTenuringThreshold=15");
    }

    /** 512m, 2g, 1048576k -> megabytes. */
    static long megabytes(String size) {
        long n = Long.parseLong(size.replaceAll("[^0-9]", ""));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'g' -> n * 1024;
            case 'm' -> n;
            case 'k' -> n / 1024;
            default -> n / (1024 * 1024);
        };
    }

    private JavaProcesses() {
    }

    /** {@code jvmOptions}: {@link #connectorOptions} unless the bench was given {@code --jvm-options}. */
    static List<String> connector(String maxHeap, List<String> jvmOptions, String mainClass, List<String> args) {
        return command(maxHeap, jvmOptions, mainClass, args);
    }

    /**
     * The simulator stands in for Centra, whose CPU is not on the connector's machine; here it shares the
     * two cores, so it gets the collector that costs least CPU, like the connector.
     */
    static List<String> simulator(String maxHeap, String mainClass, List<String> args) {
        return command(maxHeap, List.of("-XX:+UseParallelGC"), mainClass, args);
    }

    /**
     * Waits for a child JVM; should this bench be stopped meanwhile (a kill of its process, which unlike Ctrl-C in a
     * terminal does not reach the children), the child goes down with it instead of running on unseen.
     */
    static int waitForOrTakeDown(Process child) throws InterruptedException {
        Thread takeDown = takeDownOnExit(child);
        try {
            return child.waitFor();
        } finally {
            forget(takeDown);
        }
    }

    /** A shutdown hook that destroys {@code child} should this bench be stopped before it is done with it. */
    static Thread takeDownOnExit(Process child) {
        Thread takeDown = new Thread(child::destroyForcibly, "bench-child-take-down");
        Runtime.getRuntime().addShutdownHook(takeDown);
        return takeDown;
    }

    /** Removes a hook of {@link #takeDownOnExit} once its child is ended by the bench itself. */
    static void forget(Thread takeDown) {
        try {
            Runtime.getRuntime().removeShutdownHook(takeDown);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }

    private static List<String> command(String maxHeap, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.addAll(STEADY_STATE_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
