package io.centrasync.it;

import io.centrasync.simulator.SimOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dlq list} and {@code dlq replay}: fix the mapping, replay, and the records land. */
class DeadLetterCommandTest {

    @Test
    void listThenReplayThroughTheFixedMapping(@TempDir Path dir) throws Exception {
        Path mappings = DeadLetterEndToEndTest.strictMapping(dir);
        try (SyncHarness h = new SyncHarness(120, mappings.toString())) {
            Map<String, String> env = new HashMap<>(Map.of("CENTRA_ENDPOINT", h.simulator.endpoint(), "CENTRA_TOKEN", SyncHarness.TOKEN,
                    "SINK_JDBC_URL", h.jdbcUrl, "MAPPINGS_DIR", mappings.toString()));
            assertEquals(3, CommandLineTest.cli(env, "sync", "orders").code());
            List<SimOrder> source = h.simulator.store().orders().toList();
            long failing = source.stream().filter(o -> o.internalComment() == null).count();

            Map<String, String> noToken = new HashMap<>(env);
            noToken.remove("CENTRA_TOKEN"); // dlq needs only the database
            CommandLineTest.Result list = CommandLineTest.cli(noToken, "dlq", "list", "--entity", "orders");
            assertEquals(0, list.code(), list.all());
            assertTrue(list.out().contains(failing + " dead letter(s)") && list.out().contains("internal_comment"), list.out());

            // replay with the mapping unchanged: they still fail, and say so again
            CommandLineTest.Result again = CommandLineTest.cli(noToken, "dlq", "replay");
            assertEquals(3, again.code(), again.all());
            assertTrue(again.out().contains("replayed 0, still failing " + failing), again.out());
            assertEquals(2, ((Number) h.query("SELECT MIN(attempts) AS n FROM dead_letter").get(0).get("n")).intValue());

            Path yaml = mappings.resolve("orders.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("{path: internalComment, required: true}",
                    "{path: internalComment, default: \"(none)\"}"));
            CommandLineTest.Result replay = CommandLineTest.cli(noToken, "dlq", "replay", "--entity", "orders");
            assertEquals(0, replay.code(), replay.all());
            assertTrue(replay.out().contains("replayed " + failing + ", still failing 0"), replay.out());
            assertEquals(0, h.count("dead_letter"));
            assertEquals(source.size(), h.count("orders"));
            assertEquals(failing, h.query("SELECT id FROM orders WHERE internal_comment = '(none)'").size());
            assertEquals(Expected.orderLines(source), Expected.rows(h.query("SELECT * FROM order_lines"),
                    "order_id", "line_id", "sku", "ean", "quantity", "cancelled_quantity", "unit_price", "line_value"));
        }
    }

    @Test
    void usageErrors() {
        assertEquals(2, CommandLineTest.cli(Map.of(), "dlq").code());
        assertEquals(2, CommandLineTest.cli(Map.of(), "dlq", "purge").code());
    }
}
