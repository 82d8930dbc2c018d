package io.centrasync.it;

import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.RateLimitConfig;
import io.centrasync.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check} against the simulator: the token, the store's schema (by introspection), the permissions each
 * query uses and the cost of a full page. Exit 0 when all is well, 2 on a mismatch in our files (file:line and
 * the nearest name), 1 when the store cannot be reached or refuses (a token, a permission).
 */
class CheckCommandTest {

    private static CentraSimulator simulator(SimulatorConfig config) {
        return CentraSimulator.start(config.withPort(0).withOrders(30).withPurchaseOrders(10).withProductSizes(20)
                .withToken(SyncHarness.TOKEN));
    }

    private static Map<String, String> env(CentraSimulator sim, Path mappings) {
        Map<String, String> env = new HashMap<>();
        env.put("CENTRA_ENDPOINT", sim.endpoint());
        env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
        env.put("ROUTES_DIR", "routes");
        env.put("MAPPINGS_DIR", mappings.toString());
        return env;
    }

    private static CommandLineTest.Result check(Path mappings) {
        try (CentraSimulator sim = simulator(SimulatorConfig.defaults())) {
            return CommandLineTest.cli(env(sim, mappings), "check");
        }
    }

    @Test
    void theDefaultMappingsFitTheStore() {
        CommandLineTest.Result r;
        try (CentraSimulator sim = simulator(SimulatorConfig.defaults().withRateLimits(RateLimitConfig.GROWTH))) {
            r = CommandLineTest.cli(env(sim, Path.of("mappings/default")), "check");
        }
        assertEquals(0, r.code(), r.all());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).endsWith(": the token is accepted; schema read by introspection (" + lines.get(0).replaceAll(".*\\((\\d+) types\\)$", "$1") + " types)"), r.out());
        assertTrue(lines.contains("orders: orders.graphql ran with first 1; permissions used: Order.attributes:read, Order:read, ProductSize:read, Store:read"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("orders: a page of 200 costs ~[\\d,]+ complexity, of the store's 250,000 per 10 s and 30,000,000 per hour"
                + " \\([\\d,]+ at size 1, [\\d,]+ at size 2, linear in the size\\)")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("inventory: a page of 200 costs ~")), r.out());
        assertTrue(lines.contains("permissions the queries use: Order.attributes:read, Order:read, ProductSize:read, PurchaseOrder:read,"
                + " PurchaseOrderDelivery:read, Store:read, Supplier:read, Warehouse.stock:read, Warehouse:read"), r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("OK: " + "http://127.0.0.1:"), r.out());
    }

    @Test
    void aFieldTheStoreDoesNotHaveNamesFileLineAndTheNearestName(@TempDir Path dir) throws Exception {
        Path mappings = ValidateCommandTest.defaultsWith(dir, "orders.graphql", "grandTotal {", "grandTotall {");
        Path yaml = mappings.resolve("orders.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("grandTotal.", "grandTotall."));
        CommandLineTest.Result r = check(mappings);
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains(mappings.resolve("orders.graphql") + ":" + lineOf(mappings.resolve("orders.graphql"), "grandTotall {")
                + ": Validation error (FieldUndefined@[orderConnection/edges/node/grandTotall])"
                + " : Field 'grandTotall' in type 'Order' is undefined (did you mean grandTotal?)\n"), r.err());
        assertTrue(r.err().endsWith("1 problem\n"), r.err());
        assertTrue(r.out().contains("inventory: inventory.graphql ran with limit 1"), "the other queries still run: " + r.out());
    }

    @Test
    void anEnumValueTheStoreDoesNotHaveNamesFileLineAndTheNearestValue(@TempDir Path dir) throws Exception {
        Path mappings = ValidateCommandTest.defaultsWith(dir, "orders.graphql", "sort: [orderDate_ASC]", "sort: [orderDate_ASCC]");
        CommandLineTest.Result r = check(mappings);
        assertEquals(2, r.code(), r.all());
        String line = r.err().lines().findFirst().orElseThrow();
        assertTrue(line.startsWith(mappings.resolve("orders.graphql") + ":8: ") && line.contains("orderDate_ASCC")
                && line.endsWith("(did you mean orderDate_ASC?)"), r.err());
    }

    @Test
    void aWithheldPermissionIsNamedWithTheQueryFile() throws Exception {
        CommandLineTest.Result r;
        try (CentraSimulator sim = simulator(SimulatorConfig.defaults().withWithheld(Set.of("Order.attributes:read", "Warehouse.stock:read")))) {
            r = CommandLineTest.cli(env(sim, Path.of("mappings/default")), "check");
        }
        assertEquals(1, r.code(), r.all());
        // one line per missing permission and place, though Centra says it once per warehouse
        assertEquals(List.of("mappings/default/orders.graphql:" + lineOf(Path.of("mappings/default/orders.graphql"), "attributes {")
                + ": the token lacks Order.attributes:read"
                        + " (Centra: You need Order.attributes:read permission to access attributes.)",
                "mappings/default/inventory.graphql:" + lineOf(Path.of("mappings/default/inventory.graphql"), "stock(limit: $limit")
                + ": the token lacks Warehouse.stock:read"
                        + " (Centra: You need Warehouse.stock:read permission to access stock.)",
                "2 problems"), r.err().lines().toList());
    }

    @Test
    void aRefusedTokenIsOneLine() {
        CommandLineTest.Result r;
        try (CentraSimulator sim = simulator(SimulatorConfig.defaults())) {
            Map<String, String> env = env(sim, Path.of("mappings/default"));
            env.put("CENTRA_TOKEN", "expired-token");
            r = CommandLineTest.cli(env, "check");
        }
        assertEquals(1, r.code(), r.all());
        assertEquals("", r.out());
        assertEquals("centra-sync: check: Centra refused the token (HTTP 403): it is invalid or expired; set a valid CENTRA_TOKEN"
                + " or CENTRA_TOKEN_FILE\n", r.err());
    }

    @Test
    void helpSaysTheUsageAndTheExitCodes() {
        CommandLineTest.Result r = CommandLineTest.cli(Map.of(), "check", "--help");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("usage: java -jar centra-sync.jar check") && r.out().contains("  0 all is well\n")
                && r.out().contains("  1 the store cannot be reached, refuses the token or withholds a permission"), r.out());
    }

    @Test
    void anUnreachableStoreIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("CENTRA_ENDPOINT", "http://127.0.0.1:" + port + "/graphql", "CENTRA_TOKEN", "t",
                "ROUTES_DIR", "routes", "MAPPINGS_DIR", "mappings/default");
        CommandLineTest.Result r = CommandLineTest.cli(env, "check");
        assertEquals(1, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("centra-sync: check: cannot reach Centra: "), r.err());
    }

    /** The 1-based number of the first line of {@code file} outside comments that holds {@code text}: the tests follow the query files. */
    private static int lineOf(Path file, String text) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().startsWith("#") && lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line with " + text);
    }
}
