package io.centrasync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code LOG_FORMAT=json}: the log is one JSON object per line, one line per run (and per retry), no token. */
class JsonLogTest {

    private static final List<String> ENTITIES = List.of("orders", "inventory", "purchase_orders", "purchase_order_deliveries");

    @Test
    void aSyncLogsOneJsonObjectPerLineAndOneLinePerRun(@TempDir Path dir) throws Exception {
        try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(60).withToken(SyncHarness.TOKEN))) {
            Map<String, String> env = new HashMap<>();
            env.put("LOG_FORMAT", "json");
            env.put("CENTRA_ENDPOINT", sim.endpoint());
            env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
            env.put("SINK_JDBC_URL", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
            env.put("CENTRA_RETRIES", "2");
            env.put("CENTRA_RETRY_BACKOFF", "PT0.1S");
            sim.faults().passNext(1).failNext(1, 500); // the rateLimits query passes, the first page is retried (a WARN line)
            Path out = dir.resolve("out.txt");
            Path log = dir.resolve("log.txt");
            ConnectorProcess sync = ConnectorProcess.start(env, out, log, "sync");
            assertEquals(0, sync.waitFor(Duration.ofSeconds(120)), sync.output() + Files.readString(log));

            String text = Files.readString(log);
            assertFalse(text.contains(SyncHarness.TOKEN), "the token is in the log");
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text.lines().toList()) {
                JsonNode node = json.readTree(line); // throws on a line that is not JSON
                assertTrue(node.isObject(), line);
                for (String field : List.of("time", "level", "logger", "message")) {
                    assertTrue(node.hasNonNull(field), field + " missing in " + line);
                }
                lines.add(node);
            }
            for (String entity : ENTITIES) {
                List<JsonNode> runs = lines.stream().filter(l -> l.get("logger").asText().endsWith("SyncRuns")
                        && l.get("message").asText().startsWith(entity + ": ")).toList();
                assertEquals(1, runs.size(), entity + ": one line per run in\n" + text);
                assertEquals("INFO", runs.get(0).get("level").asText());
            }
            assertTrue(lines.stream().anyMatch(l -> l.get("level").asText().equals("WARN")), "the retry's line in\n" + text);
        }
    }
}
