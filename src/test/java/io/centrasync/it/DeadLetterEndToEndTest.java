package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.SimOrder;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records that cannot be mapped go to dead_letter with their reason; the rest of each page is written. */
class DeadLetterEndToEndTest {

    /** A copy of the default mapping where a column Centra leaves null for some orders is required. */
    static Path strictMapping(Path dir) throws Exception {
        ValidateCommandTest.copy(Path.of("mappings/default"), dir);
        Path query = dir.resolve("orders.graphql");
        Files.writeString(query, Files.readString(query).replace("        status\n", "        status\n        internalComment\n"));
        Path mapping = dir.resolve("orders.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("  status:      status\n",
                "  status:      status\n  internal_comment: {path: internalComment, required: true}\n"));
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void unmappableRecordsAreDeadLetteredAndLeaveOnceTheyMap(TestDatabase.Kind database, @TempDir Path dir) throws Exception {
        try (SyncHarness h = new SyncHarness(150, strictMapping(dir).toString(), database.open())) {
            List<SimOrder> source = h.simulator.store().orders().toList();
            Set<String> withoutComment = source.stream().filter(o -> o.internalComment() == null).map(SimOrder::id)
                    .collect(Collectors.toSet());
            assertTrue(withoutComment.size() > 0 && withoutComment.size() < source.size(), "fixture has both kinds");

            SyncApplication.RunResult result = h.sync("orders", false);
            assertNull(result.error());
            assertEquals(withoutComment.size(), result.run().deadLetters());

            List<Map<String, Object>> letters = h.query("SELECT * FROM dead_letter");
            assertEquals(withoutComment, letters.stream().map(r -> (String) r.get("record_key")).collect(Collectors.toSet()));
            for (Map<String, Object> letter : letters) {
                assertEquals("orders", letter.get("entity"));
                assertTrue(letter.get("reason").toString().contains("internal_comment"), letter.get("reason").toString());
                assertTrue(letter.get("payload").toString().contains(letter.get("record_key").toString()));
            }
            assertEquals(source.size() - withoutComment.size(), h.count("orders"));
            assertEquals(0, h.query("SELECT * FROM orders WHERE internal_comment IS NULL").size());

            // a rerun of the same failures updates their rows instead of adding more
            h.sync("orders", true);
            assertEquals(withoutComment.size(), h.count("dead_letter"));
            assertEquals(2, ((Number) h.query("SELECT MIN(attempts) AS n FROM dead_letter").get(0).get("n")).intValue());

            // the team relaxes the mapping: the changed mapping re-reads everything, the records map, the letters go
            Path mapping = dir.resolve("orders.yaml");
            Files.writeString(mapping, Files.readString(mapping).replace("{path: internalComment, required: true}",
                    "{path: internalComment, default: \"\"}"));
            SyncApplication.RunResult relaxed = h.sync("orders", false);
            assertNull(relaxed.error());
            assertEquals(0, h.count("dead_letter"));
            assertEquals(source.size(), h.count("orders"));
        }
    }
}
