package io.centrasync.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code validate}: routes and mappings checked offline; problems name file and line; exit 2. */
class ValidateCommandTest {

    static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    static CommandLineTest.Result validate(Path routes, Path mappings) {
        return CommandLineTest.cli(Map.of("ROUTES_DIR", routes.toString(), "MAPPINGS_DIR", mappings.toString()), "validate");
    }

    @Test
    void theShippedRoutesAndMappingsAreValid() {
        CommandLineTest.Result r = validate(Path.of("routes"), Path.of("mappings/default"));
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("orders, inventory, purchase_orders, purchase_order_deliveries"), r.out());
        CommandLineTest.Result fashion = validate(Path.of("routes"), Path.of("mappings/example-fashion"));
        assertEquals(0, fashion.code(), fashion.all());
    }

    @Test
    void aRouteTypoNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path routes = copy(Path.of("routes"), dir.resolve("routes"));
        Path template = routes.resolve("poll-entity.camel.yaml");
        Files.writeString(template, Files.readString(template).replaceFirst("- setVariable:", "- setVaraible:"));
        CommandLineTest.Result r = validate(routes, Path.of("mappings/default"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("setVaraible") && r.err().contains("poll-entity.camel.yaml, line "), r.err());
    }

    @Test
    void aQueryFieldCentraDoesNotHaveNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path mappings = copy(Path.of("mappings/default"), dir.resolve("m"));
        Path query = mappings.resolve("purchase_orders.graphql");
        Files.writeString(query, Files.readString(query).replace("        ourReference\n", "        ourReferences\n"));
        Path yaml = mappings.resolve("purchase_orders.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("  our_reference: ourReference\n", "  our_reference: ourReferences\n"));
        CommandLineTest.Result r = validate(Path.of("routes"), mappings);
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("purchase_orders.graphql:") && r.err().contains("ourReferences"), r.err());
    }

    @Test
    void aMappingProblemNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path mappings = copy(Path.of("mappings/default"), dir.resolve("m"));
        Path yaml = mappings.resolve("orders.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("table: orders\n", "table: order\n"));
        CommandLineTest.Result r = validate(Path.of("routes"), mappings);
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("orders.yaml:18: table name 'order' is an SQL reserved word"), r.err());
    }

    @Test
    void aRouteWithoutMappingIsReported(@TempDir Path dir) throws Exception {
        Path mappings = copy(Path.of("mappings/default"), dir.resolve("m"));
        Files.delete(mappings.resolve("inventory.yaml"));
        CommandLineTest.Result r = validate(Path.of("routes"), mappings);
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("centra-inventory has no mapping"), r.err());
    }
}
