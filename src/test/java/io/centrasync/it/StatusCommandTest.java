package io.centrasync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centrasync.camel.SyncApplication;
import io.centrasync.run.SyncRun;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code status} and {@code status --json}: database only, and what it says agrees with sync_runs and sync_state. */
class StatusCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> env(SyncHarness h, String mappings) {
        // no token: status needs only the database
        return new HashMap<>(Map.of("CENTRA_ENDPOINT", h.simulator.endpoint(), "SINK_JDBC_URL", h.jdbcUrl, "MAPPINGS_DIR", mappings));
    }

    private static JsonNode entity(JsonNode status, String name) {
        for (JsonNode e : status.get("entities")) {
            if (e.get("entity").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entity " + name + " in " + status);
    }

    @Test
    void anEmptyDatabaseHasNoRunsYet() throws Exception {
        try (SyncHarness h = new SyncHarness(10, "mappings/default")) {
            CommandLineTest.Result text = CommandLineTest.cli(env(h, "mappings/default"), "status");
            assertEquals(0, text.code(), text.all());
            assertTrue(text.out().contains("no runs yet"), text.out());
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith("orders ") && l.contains("never")), text.out());

            CommandLineTest.Result json = CommandLineTest.cli(env(h, "mappings/default"), "status", "--json");
            assertEquals(0, json.code(), json.all());
            JsonNode status = JSON.readTree(json.out());
            assertEquals(1, status.get("version").asInt());
            assertEquals(4, status.get("entities").size());
            for (JsonNode e : status.get("entities")) {
                assertTrue(e.get("lastRun").isNull(), e.toString());
                assertTrue(e.get("inFlight").isNull(), e.toString());
                assertTrue(e.get("watermark").isNull(), e.toString());
                assertEquals(0, e.get("deadLetters").asLong());
            }
        }
    }

    @Test
    void afterASyncItAgreesWithTheDatabase() throws Exception {
        try (SyncHarness h = new SyncHarness(500, "mappings/default")) {
            Map<String, String> env = env(h, "mappings/default");
            env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
            assertEquals(0, CommandLineTest.cli(env, "sync", "orders").code());
            env.remove("CENTRA_TOKEN");

            CommandLineTest.Result result = CommandLineTest.cli(env, "status", "--json");
            assertEquals(0, result.code(), result.all());
            JsonNode orders = entity(JSON.readTree(result.out()), "orders");
            Map<String, Object> run = h.query("SELECT * FROM sync_runs WHERE entity = 'orders'").get(0);
            Map<String, Object> state = h.query("SELECT * FROM sync_state WHERE entity = 'orders'").get(0);
            JsonNode last = orders.get("lastRun");
            assertEquals(run.get("run_id"), last.get("runId").asText());
            assertEquals("ok", last.get("status").asText());
            assertEquals(instant(run.get("started_at")), Instant.parse(last.get("startedAt").asText()));
            assertEquals(instant(run.get("finished_at")), Instant.parse(last.get("finishedAt").asText()));
            assertTrue(last.get("error").isNull());
            assertEquals(((Number) run.get("pages")).intValue(), last.get("pages").asInt());
            assertEquals(500, last.get("records").asLong());
            assertEquals(instant(state.get("watermark")), Instant.parse(orders.get("watermark").asText()));
            assertTrue(orders.get("lagSeconds").asLong() >= 0);
            assertEquals(h.count("orders"), orders.get("rows").asLong());
            assertEquals(0, orders.get("deadLetters").asLong());
            assertTrue(orders.get("inFlight").isNull(), orders.toString());
            assertTrue(entity(JSON.readTree(result.out()), "inventory").get("lastRun").isNull());

            CommandLineTest.Result text = CommandLineTest.cli(env, "status");
            assertFalse(text.out().contains("no runs yet"), text.out());
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith("orders ") && l.contains(" ok ") && l.contains(" 500 ")), text.out());
        }
    }

    @Test
    void duringARunItShowsTheRunInFlight(@TempDir Path dir) throws Exception {
        String mappings = SmallPages.ordersMapping(dir, 20).toString();
        try (SyncHarness h = new SyncHarness(400, mappings)) {
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            try (SyncApplication app = h.app()) {
                AdviceWith.adviceWith(app.context(), "centra-orders", a -> a.weaveById("write-page").after().process(e -> {
                    if (e.getVariable("run", SyncRun.class).pages() >= 3 && paused.getCount() > 0) {
                        paused.countDown();
                        resume.await(60, TimeUnit.SECONDS);
                    }
                }));
                CompletableFuture<SyncApplication.RunResult> run = CompletableFuture.supplyAsync(() -> app.runOnce("orders", false));
                assertTrue(paused.await(60, TimeUnit.SECONDS), "the run reaches page 3");
                try {
                    CommandLineTest.Result result = CommandLineTest.cli(env(h, mappings), "status", "--json");
                    assertEquals(0, result.code(), result.all());
                    JsonNode orders = entity(JSON.readTree(result.out()), "orders");
                    Map<String, Object> state = h.query("SELECT * FROM sync_state WHERE entity = 'orders'").get(0);
                    JsonNode flight = orders.get("inFlight");
                    // the documented, stable field names (docs/operations.md#status)
                    assertEquals(List.of("entity", "lastRun", "watermark", "lagSeconds", "rows", "deadLetters", "inFlight"), names(orders));
                    assertEquals(List.of("runId", "status", "startedAt", "finishedAt", "error", "pages", "records", "written",
                            "deadLetters"), names(orders.get("lastRun")));
                    assertEquals(List.of("runId", "status", "live", "startedAt", "pagesCommitted", "records", "lastPageAt"), names(flight));
                    assertEquals(state.get("run_id"), flight.get("runId").asText());
                    assertEquals("running", flight.get("status").asText());
                    assertTrue(flight.get("live").asBoolean());
                    assertEquals(((Number) state.get("run_pages")).intValue(), flight.get("pagesCommitted").asInt());
                    assertTrue(flight.get("pagesCommitted").asInt() >= 3, flight.toString());
                    assertEquals(((Number) state.get("run_records")).longValue(), flight.get("records").asLong());
                    assertEquals(20L * flight.get("pagesCommitted").asInt(), flight.get("records").asLong());
                    assertEquals(instant(state.get("run_started_at")), Instant.parse(flight.get("startedAt").asText()));
                    assertEquals("running", orders.get("lastRun").get("status").asText());
                    assertTrue(orders.get("lastRun").get("finishedAt").isNull());

                    CommandLineTest.Result text = CommandLineTest.cli(env(h, mappings), "status");
                    assertTrue(text.out().lines().anyMatch(l -> l.startsWith("orders ") && l.contains("running since")), text.out());
                } finally {
                    resume.countDown();
                }
                assertNull(run.get(60, TimeUnit.SECONDS).error());
            }
            JsonNode after = entity(JSON.readTree(CommandLineTest.cli(env(h, mappings), "status", "--json").out()), "orders");
            assertTrue(after.get("inFlight").isNull());
            assertEquals(400, after.get("rows").asLong());
        }
    }

    @Test
    void usageErrors() {
        assertEquals(2, CommandLineTest.cli(Map.of(), "status", "--yaml").code());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new AssertionError("not a time: " + value + " (" + (value == null ? null : value.getClass()) + ")");
    }

}
