package io.centrasync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.centrasync.simulator.SimOrder;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records the database refuses become dead letters with the database's reason, and everything else is synced:
 * an order with a line id twice, a grand total of 1e400 (too large for H2's NUMERIC(38, 10)) and an 8,000-character
 * id (too long for a PostgreSQL btree index), served by a stand-in Centra.
 */
class RefusedRecordsEndToEndTest {

    private static final int ORDERS = 150;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void refusedRecordsAreDeadLetteredTheRestIsSyncedAndReplayRetriesThem(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (SyncHarness h = new SyncHarness(ORDERS, "mappings/default", kind.open())) {
            List<SimOrder> withLines = h.simulator.store().orders().filter(o -> !o.lines(false).isEmpty())
                    .sorted(java.util.Comparator.comparingInt(SimOrder::number)).toList();
            // spread over the pages of 40 orders
            SimOrder twiceLine = withLines.get(5);
            SimOrder huge = withLines.get(withLines.size() / 2);
            SimOrder longId = withLines.get(withLines.size() - 5);
            String longIdValue = longKey();
            Map<Integer, java.util.function.Consumer<ObjectNode>> spoil = Map.of(
                    twiceLine.number(), order -> {
                        ArrayNode lines = (ArrayNode) order.get("lines");
                        lines.add(((ObjectNode) lines.get(0).deepCopy()).put("quantity", 99));
                    },
                    huge.number(), order -> ((ObjectNode) order.get("grandTotal")).put("value", new BigDecimal("1E+400")),
                    longId.number(), order -> order.put("id", longIdValue));

            try (RewritingCentra centra = RewritingCentra.of(h.simulator.endpoint(), answer -> spoilOrders(answer, spoil))) {
                Map<String, String> env = env(h, centra, SmallPages.ordersMapping(dir, 40));
                CommandLineTest.Result sync = CommandLineTest.cli(env, "sync", "orders");
                assertEquals(3, sync.code(), sync.all());
                assertFalse(sync.all().contains("\tat "), "no stack trace: " + sync.all());

                // H2 holds the long key, PostgreSQL the large number
                String refusedToo = kind == TestDatabase.Kind.H2 ? huge.id() : longIdValue.substring(0, 500);
                String accepted = kind == TestDatabase.Kind.H2 ? longIdValue : huge.id();
                Map<String, String> letters = h.query("SELECT record_key, CAST(reason AS VARCHAR(1000)) AS reason FROM dead_letter").stream()
                        .collect(Collectors.toMap(r -> (String) r.get("record_key"), r -> (String) r.get("reason")));
                assertEquals(Set.of(twiceLine.id(), refusedToo), letters.keySet());
                for (String reason : letters.values()) {
                    assertTrue(reason.startsWith("the database refused it: ") && !reason.contains("\n") && reason.length() < 500, reason);
                }
                assertTrue(letters.get(twiceLine.id()).toLowerCase().contains("order_lines"), letters.get(twiceLine.id()));
                String payload = (String) h.query("SELECT CAST(payload AS VARCHAR(100000)) AS payload FROM dead_letter WHERE record_key = '" + twiceLine.id() + "'")
                        .get(0).get("payload");
                assertTrue(payload.contains("\"number\":" + twiceLine.number()), payload);

                // every other record is in, the spoilt one the database took included, with its lines
                assertEquals(ORDERS - 2, h.count("orders"));
                assertEquals(1, h.query("SELECT id FROM orders WHERE id = '" + accepted + "'").size());
                assertEquals(0, h.query("SELECT id FROM orders WHERE id = '" + twiceLine.id() + "'").size());
                Set<String> ids = h.query("SELECT id FROM orders").stream().map(r -> (String) r.get("id")).collect(Collectors.toSet());
                assertTrue(ids.containsAll(h.simulator.store().orders().map(SimOrder::id)
                        .filter(id -> !id.equals(twiceLine.id()) && !id.equals(huge.id()) && !id.equals(longId.id())).toList()));

                // the checkpoint moved past them: the next run reads only the lookback, not the whole store again
                assertEquals(1, ((Number) h.query("SELECT COUNT(*) AS n FROM sync_runs WHERE entity = 'orders' AND status = 'ok'")
                        .get(0).get("n")).intValue());

                // dlq replay: what the table still refuses stays, with today's reason; what it now holds leaves
                Map<String, String> noToken = new HashMap<>(env);
                noToken.remove("CENTRA_TOKEN");
                if (kind == TestDatabase.Kind.H2) {
                    h.database.execute("ALTER TABLE orders ALTER COLUMN grand_total SET DATA TYPE NUMERIC(1000, 10)");
                }
                CommandLineTest.Result replay = CommandLineTest.cli(noToken, "dlq", "replay");
                assertEquals(3, replay.code(), replay.all());
                int replayed = kind == TestDatabase.Kind.H2 ? 1 : 0;
                assertTrue(replay.out().contains("replayed " + replayed + ", still failing " + (2 - replayed)), replay.all());
                assertTrue(h.query("SELECT CAST(reason AS VARCHAR(1000)) AS reason FROM dead_letter WHERE record_key = '" + twiceLine.id() + "' AND attempts = 2")
                        .get(0).get("reason").toString().startsWith("the database refused it: "));
                if (kind == TestDatabase.Kind.H2) {
                    assertEquals(0, new BigDecimal("1E+400").compareTo((BigDecimal) h.query("SELECT grand_total FROM orders WHERE id = '"
                            + huge.id() + "'").get(0).get("grand_total")));
                }
            }
        }
    }

    /** An id of 8,000 random characters: PostgreSQL compresses a repetitive one below its index row limit. */
    private static String longKey() {
        StringBuilder id = new StringBuilder();
        while (id.length() < 8000) {
            id.append(UUID.randomUUID());
        }
        return id.substring(0, 8000);
    }

    private static void spoilOrders(JsonNode answer, Map<Integer, java.util.function.Consumer<ObjectNode>> spoil) {
        for (JsonNode edge : answer.path("data").path("orderConnection").path("edges")) {
            JsonNode order = edge.path("node");
            var change = spoil.get(order.path("number").asInt());
            if (change != null) {
                change.accept((ObjectNode) order);
            }
        }
    }

    private static Map<String, String> env(SyncHarness h, RewritingCentra centra, Path mappings) {
        Properties db = new Properties();
        h.database.applyTo(db);
        Map<String, String> env = new HashMap<>();
        env.put("CENTRA_ENDPOINT", centra.endpoint());
        env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
        env.put("CENTRA_RETRIES", "1");
        env.put("MAPPINGS_DIR", mappings.toString());
        env.put("SINK_JDBC_URL", db.getProperty("sink.jdbc-url"));
        env.put("SINK_JDBC_USER", db.getProperty("sink.jdbc-user"));
        env.put("SINK_JDBC_PASSWORD", db.getProperty("sink.jdbc-password"));
        env.put("SINK_SCHEMA", db.getProperty("sink.schema"));
        return env;
    }
}
