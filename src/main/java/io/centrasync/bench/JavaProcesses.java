package io.centrasync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs running this same jar or classpath. */
final class JavaProcesses {

    /**
     * The garbage collector of the Docker image's connector JVM (see Dockerfile): a backfill is a
     * throughput job with a small live set, where the parallel collector costs less CPU than G1.
     * Half the heap young with survivor spaces large enough for the pages in flight (fetched ahead,
     * being written) and no adaptive resizing: with the default shapes those pages outgrew the
     * survivors, were promoted, and old-generation garbage grew with the length of the run.
     */
    static final List<String> CONNECTOR_OPTIONS = List.of("-XX:+UseParallelGC", "-XX:-UseAdaptiveSizePolicy", "-XX:NewRatio=1",
            "-XX:SurvivorRatio=4", "-XX:MaxTenuringThreshold=15");

    private JavaProcesses() {
    }

    /** {@code jvmOptions}: {@link #CONNECTOR_OPTIONS} unless the bench was given {@code --jvm-options}. */
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

    private static List<String> command(String maxHeap, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
