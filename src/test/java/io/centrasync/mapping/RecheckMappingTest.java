package io.centrasync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code source.recheck}: the second query is checked like the first. */
class RecheckMappingTest {

    private static Path copyDeliveries(Path dir) throws Exception {
        for (String f : List.of("purchase_order_deliveries.yaml", "purchase_order_deliveries.graphql",
                "purchase_order_deliveries.recheck.graphql")) {
            Files.copy(Path.of("mappings/default", f), dir.resolve(f));
        }
        return dir.resolve("purchase_order_deliveries.yaml");
    }

    @Test
    void theShippedDeliveriesMappingHasARecheck() throws Exception {
        EntityMapping m = MappingLoader.load(Path.of("mappings/default/purchase_order_deliveries.yaml"));
        RecheckSpec r = m.recheck().orElseThrow();
        assertEquals("ids", r.variable());
        assertEquals("status", r.column());
        assertEquals(List.of("ACCEPTED"), r.finalValues());
        assertTrue(r.queryText().contains("DeliveriesById"));
    }

    @Test
    void recheckProblemsNameTheLine(@TempDir Path dir) throws Exception {
        Path yaml = copyDeliveries(dir);
        Files.writeString(yaml, Files.readString(yaml)
                .replace("    variable: ids ", "    variable: idz ")
                .replace("    column: status\n", "    column: state\n"));
        MappingException e = assertThrows(MappingException.class, () -> MappingLoader.load(yaml));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("purchase_order_deliveries.yaml:21: source.recheck.variable 'idz'"), all);
        assertTrue(all.contains("purchase_order_deliveries.yaml:22: source.recheck.column 'state'"), all);
    }

    @Test
    void everyMappedPathMustBeSelectedByTheRecheckQueryToo(@TempDir Path dir) throws Exception {
        Path yaml = copyDeliveries(dir);
        Path recheck = dir.resolve("purchase_order_deliveries.recheck.graphql");
        Files.writeString(recheck, Files.readString(recheck).replace("    ETA\n", ""));
        MappingException e = assertThrows(MappingException.class, () -> MappingLoader.load(yaml));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("ETA") && all.contains("purchase_order_deliveries.recheck.graphql"), all);
    }

    @Test
    void theRecheckQueryIsPartOfTheFingerprint(@TempDir Path dir) throws Exception {
        Path yaml = copyDeliveries(dir);
        String before = MappingLoader.load(yaml).fingerprint();
        Path recheck = dir.resolve("purchase_order_deliveries.recheck.graphql");
        Files.writeString(recheck, Files.readString(recheck) + "\n# changed\n");
        assertTrue(!before.equals(MappingLoader.load(yaml).fingerprint()));
    }
}
