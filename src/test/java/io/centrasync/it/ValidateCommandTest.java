package io.centrasync.it;

import io.centrasync.mapping.QuerySchemaCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** A copy of mappings/default in {@code dir} with one text replaced in one file. */
    static Path defaultsWith(Path dir, String file, String from, String to) throws Exception {
        Path mappings = copy(Path.of("mappings/default"), dir.resolve("m"));
        String text = Files.readString(mappings.resolve(file));
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(mappings.resolve(file), text.replace(from, to));
        return mappings;
    }

    /** validate of the shipped routes and {@code mappings} fails (exit 2) with {@code problem} among its lines. */
    static void assertFailsWith(Path mappings, String problem) {
        CommandLineTest.Result r = validate(Path.of("routes"), mappings);
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains(problem), r.err());
    }

    static CommandLineTest.Result validate(Path routes, Path mappings) {
        return CommandLineTest.cli(Map.of("ROUTES_DIR", routes.toString(), "MAPPINGS_DIR", mappings.toString()), "validate");
    }

    @Test
    void badSettingsAreListedOneLineEach() {
        CommandLineTest.Result r = CommandLineTest.cli(Map.of("CENTRA_RETRIES", "-1", "SINK_POOL_SIZE", "0"), "validate");
        assertEquals(2, r.code(), r.all());
        assertEquals(List.of("setting centra.retries (CENTRA_RETRIES) must be a whole number from 0 to 100, got '-1'",
                "setting sink.pool-size (SINK_POOL_SIZE) must be a whole number from 1 to 200, got '0'"), r.err().lines().toList());
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
    void listsTheUnconfirmedNamesTheQueriesRelyOnWithoutFailing() {
        CommandLineTest.Result r = validate(Path.of("routes"), Path.of("mappings/default"));
        assertEquals(0, r.code(), r.all());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Names these queries use that Centra's documentation does not confirm;"
                + " verify them against your store (validate --schema FILE"), r.out());
        assertTrue(lines.contains("  mappings/default/purchase_orders.graphql:6: PurchaseOrderFilter.updatedAt:"
                + " whether PurchaseOrderFilter has updatedAt was not found"), r.out());
        assertTrue(lines.contains("  mappings/default/inventory.graphql:12: Query.warehouses(limit):"
                + " whether warehouses takes limit/page was not found"), r.out());
        assertTrue(lines.contains("  mappings/default/purchase_order_deliveries.recheck.graphql:3: PurchaseOrderDeliveryFilter.id: not in Centra's documentation"), r.out());
        assertFalse(r.out().contains("orders.graphql:") && r.out().contains("/orders.graphql"), "orders use confirmed names only: " + r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("OK: "), r.out());
    }

    @Test
    void anUnconfirmedEnumValueIsListedAndTheStoresOwnSchemaSettlesThem(@TempDir Path dir) throws Exception {
        Path mappings = defaultsWith(dir, "orders.graphql", "sort: [orderDate_ASC]", "sort: [updatedAt_ASC]");
        CommandLineTest.Result r = validate(Path.of("routes"), mappings);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("orders.graphql:8: OrderSort.updatedAt_ASC: not found in Centra's docs\n"), r.out());

        // an SDL introspected from a store carries no @unconfirmed: nothing left to verify
        String builtin = new String(QuerySchemaCheck.class.getResourceAsStream("/simulator/centra.graphqls").readAllBytes(),
                StandardCharsets.UTF_8);
        Path storeSdl = Files.writeString(dir.resolve("store.graphqls"), builtin
                .replaceAll("(?m)^(\"[^\n]*\"\n)?directive @unconfirmed.*$", "").replaceAll(" ?@unconfirmed(\\(note: \"[^\"]*\"\\))?", ""));
        CommandLineTest.Result settled = CommandLineTest.cli(Map.of("ROUTES_DIR", "routes", "MAPPINGS_DIR", mappings.toString()),
                "validate", "--schema", storeSdl.toString());
        assertEquals(0, settled.code(), settled.all());
        assertTrue(settled.out().startsWith("OK: "), settled.out());
    }

    @Test
    void theRateLimitsQueryIsCheckedToo(@TempDir Path dir) throws Exception {
        assertFailsWith(defaultsWith(dir, "rate_limits.graphql", "    usedQuota\n", "    usedQuota\n    burstQuota\n"),
                "rate_limits.graphql:9: Validation error (FieldUndefined@[rateLimits/burstQuota])");
    }

    @Test
    void anUnreadableSchemaIsOneLine(@TempDir Path dir) throws Exception {
        Path sdl = Files.writeString(dir.resolve("store.graphqls"), "type Query { orders: [Order!]! ");
        CommandLineTest.Result r = CommandLineTest.cli(Map.of("ROUTES_DIR", "routes", "MAPPINGS_DIR", "mappings/default"),
                "validate", "--schema", sdl.toString());
        assertEquals(2, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("store.graphqls") && r.err().contains("line 1"), r.err());
    }

    @Test
    void aMissingSchemaFileIsSaidSo(@TempDir Path dir) {
        Path missing = dir.resolve("store.graphqls");
        CommandLineTest.Result r = CommandLineTest.cli(Map.of("ROUTES_DIR", "routes", "MAPPINGS_DIR", "mappings/default"),
                "validate", "--schema", missing.toString());
        assertEquals(2, r.code(), r.all());
        assertEquals("centra-sync: validate --schema: " + missing + ": no such file", r.err().strip());
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
        assertFailsWith(defaultsWith(dir, "orders.yaml", "table: orders\n", "table: order\n"),
                "orders.yaml:19: table name 'order' is an SQL reserved word");
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
