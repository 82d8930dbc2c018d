package io.centrasync.bench;

import io.centrasync.camel.Settings;
import io.centrasync.run.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {

    private static final Settings SETTINGS = Settings.load(Map.of(), new Properties());

    @Test
    void theStoreBesideTheOrdersIsLargeEnoughToMeasureThroughputByDefault() {
        assertEquals(List.of("--product-sizes", "5000", "--purchase-orders", "5000"),
                BenchCommand.of(List.of(), SETTINGS, Map.of()).store());
    }

    @Test
    void stockAndPurchaseOrdersAreChosenOnTheCommandLine() {
        BenchCommand bench = BenchCommand.of(List.of("--product-sizes", "40", "--purchase-orders", "0"), SETTINGS, Map.of());
        assertEquals(List.of("--product-sizes", "40", "--purchase-orders", "0"), bench.store());
    }

    /** Over an hour-long run the machine's speed drifts: c is divided by an a measured next to it, not once per N. */
    @Test
    void rawFetchIsMeasuredRightBeforeTheBackfillOfTheSameLine() {
        assertEquals(List.of(Phase.WRITE, Phase.FETCH, Phase.E2E), BenchCommand.cellOrder(EnumSet.allOf(Phase.class)));
        assertEquals(List.of(Phase.FETCH, Phase.E2E), BenchCommand.cellOrder(EnumSet.of(Phase.E2E, Phase.FETCH, Phase.BUDGET)));
        assertEquals(List.of(Phase.WRITE), BenchCommand.cellOrder(EnumSet.of(Phase.WRITE)));
    }

    @Test
    void aBadCountNamesWhatWasExpected() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BenchCommand.of(List.of("--purchase-orders", "many"), SETTINGS, Map.of()));
        assertTrue(e.getMessage().contains("expected a whole number >= 0, got 'many'"), e.getMessage());
        assertTrue(e.getMessage().contains("--purchase-orders"), e.getMessage());
    }

    @Test
    void otherJvmOptionsReplaceTheImagesForComparison() {
        assertEquals(new WorkerProcess.ConnectorJvm("256m", JavaProcesses.CONNECTOR_OPTIONS), BenchCommand.of(List.of(), SETTINGS, Map.of()).jvm());
        assertTrue(BenchCommand.of(List.of("--xmx", "1g"), SETTINGS, Map.of()).jvm().options().containsAll(List.of("-Xmn512m", "-Xms640m")),
                "the image's shape scaled to another heap");
        assertEquals(new WorkerProcess.ConnectorJvm("384m", List.of("-XX:+UseG1GC", "-Xmn96m")),
                BenchCommand.of(List.of("--xmx", "384m", "--jvm-options", " -XX:+UseG1GC  -Xmn96m"), SETTINGS, Map.of()).jvm());
        ConfigException e = assertThrows(ConfigException.class,
                () -> BenchCommand.of(List.of("--jvm-options", "-XX:+UseG1GC foo"), SETTINGS, Map.of()));
        assertTrue(e.getMessage().contains("--jvm-options takes -X... JVM options"), e.getMessage());
    }

    /** The bench measures the JVM the Docker image runs. */
    @Test
    void theDockerImageRunsTheConnectorWithTheBenchmarkedJvmOptions() throws Exception {
        String javaOpts = java.nio.file.Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(l -> l.startsWith("ENV JAVA_OPTS=")).findFirst().orElseThrow();
        for (String option : JavaProcesses.CONNECTOR_OPTIONS) {
            List<String> options = List.of(javaOpts.substring("ENV JAVA_OPTS=".length()).replace("\"", "").split(" "));
            assertTrue(options.contains(option), option + " missing from " + javaOpts);
        }
    }

    /** Connector phases and simulator compile early; options given to the bench come later on the line, so they win. */
    @Test
    void everyJvmOfTheBenchCompilesEarlyUnlessToldOtherwise() {
        List<String> connector = JavaProcesses.connector("256m", List.of("-XX:CompileThresholdScaling=1"), "Main", List.of());
        int early = connector.indexOf("-XX:CompileThresholdScaling=0.1");
        assertTrue(early > 0 && early < connector.indexOf("-XX:CompileThresholdScaling=1"), connector.toString());
        assertTrue(JavaProcesses.simulator("2g", "Main", List.of()).containsAll(JavaProcesses.STEADY_STATE_OPTIONS));
    }

    /** A misspelt or removed JVM flag would make every connector JVM of the bench fail to start. */
    @Test
    void theConnectorJvmOptionsStartAJvm() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(JavaProcesses.STEADY_STATE_OPTIONS);
        command.addAll(JavaProcesses.CONNECTOR_OPTIONS);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), output);
    }
}
