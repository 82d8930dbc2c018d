package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.SimAttribute;
import io.centrasync.simulator.SimAttributeElement;
import io.centrasync.simulator.SimLine;
import io.centrasync.simulator.SimOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-customer mappings are file edits: the default mapping has nothing special. */
class CustomerMappingsEndToEndTest {

    private static String attribute(SimOrder o, String type, String key) {
        for (SimAttribute a : o.attributes()) {
            if (a.typeName().equals(type)) {
                SimAttributeElement e = a.element(key);
                return e == null ? null : e.choice() ? e.selectedValue() : e.value();
            }
        }
        return null;
    }

    private static String state(SimOrder o) {
        return switch (o.status().name()) {
            case "PENDING", "CONFIRMED", "PROCESSING" -> "open";
            case "SHIPPED" -> "shipped";
            case "ARCHIVED" -> "closed";
            default -> "cancelled";
        };
    }

    @Test
    void exampleFashionGetsItsOwnTablesColumnsAndAttributes() {
        try (SyncHarness h = new SyncHarness(300, "mappings/example-fashion")) {
            assertNull(h.sync("orders", false).error());
            List<SimOrder> source = h.simulator.store().orders().toList();
            ZoneId stockholm = ZoneId.of("Europe/Stockholm");
            TreeSet<String> expected = new TreeSet<>();
            TreeSet<String> expectedItems = new TreeSet<>();
            for (SimOrder o : source) {
                String sales = attribute(o, "sales_channel", "source");
                expected.add(Expected.line(o.id(), o.number(), o.typename().startsWith("Direct") ? "webshop" : "b2b", state(o),
                        o.orderDate(), o.orderDate().atZone(stockholm).toLocalDate(), o.updatedAt(), o.marketName(),
                        o.countryCode(), o.currencyCode(), o.grandTotal(), attribute(o, "gift_wrap", "message"),
                        attribute(o, "gift_wrap", "paper"), sales == null ? "unknown" : sales, attribute(o, "erp", "external_id"),
                        "EF-" + o.number()));
                for (SimLine l : o.allLines()) {
                    expectedItems.add(Expected.line(o.id(), l.id(), l.sku(), l.quantity(), l.cancelledQuantity(), l.lineValue()));
                }
            }
            assertEquals(expected, Expected.rows(h.query("SELECT * FROM fashion_orders"), "order_hash", "order_no", "channel",
                    "order_state", "placed_at", "placed_on", "changed_at", "market_name", "country_code", "currency_code",
                    "total_incl_vat", "gift_message", "gift_paper", "sales_source", "erp_id", "order_ref"));
            assertEquals(expectedItems, Expected.rows(h.query("SELECT * FROM fashion_order_items"), "order_hash", "item_id", "sku",
                    "units", "units_cancelled", "value_incl_vat"));
            assertTrue(h.query("SELECT attributes_raw FROM fashion_orders WHERE gift_message IS NOT NULL").get(0)
                    .get("attributes_raw").toString().contains("gift_wrap"));
            assertTrue(h.query("SELECT * FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'orders'").isEmpty(),
                    "nothing of the default mapping is built in");
        }
    }

    @Test
    void addingAnAttributeColumnIsOneLineAndFillsOldRowsToo(@TempDir Path dir) throws Exception {
        Path mappings = ValidateCommandTest.copy(Path.of("mappings/default"), dir.resolve("acme"));
        try (SyncHarness h = new SyncHarness(200, mappings.toString())) {
            assertNull(h.sync("orders", false).error());
            assertFalse(h.query("SELECT * FROM orders").get(0).containsKey("gift_message"));

            Path yaml = mappings.resolve("orders.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("  status:      status\n",
                    "  status:      status\n  gift_message: {attribute: gift_wrap.message}\n"));
            SyncApplication.RunResult second = h.sync("orders", false);
            assertNull(second.error());
            assertEquals(200, second.run().records(), "a changed mapping re-reads every order once");

            TreeSet<String> expected = new TreeSet<>();
            for (SimOrder o : h.simulator.store().orders().toList()) {
                expected.add(Expected.line(o.id(), attribute(o, "gift_wrap", "message")));
            }
            assertEquals(expected, Expected.rows(h.query("SELECT id, gift_message FROM orders"), "id", "gift_message"));
            assertTrue(expected.stream().anyMatch(l -> !l.endsWith("null | ")), "some orders have a gift message");
            assertEquals(0, h.sync("orders", false).run().written(), "and then it is incremental again");
        }
    }


    @Test
    void anIncompatibleTypeChangeStopsWithWhatToDo(@TempDir Path dir) throws Exception {
        Path mappings = ValidateCommandTest.copy(Path.of("mappings/default"), dir.resolve("acme"));
        try (SyncHarness h = new SyncHarness(20, mappings.toString())) {
            assertNull(h.sync("orders", false).error());
            Path yaml = mappings.resolve("orders.yaml");
            Files.writeString(yaml, Files.readString(yaml).replace("{path: number, type: long, required: true}",
                    "{path: number, type: boolean, required: true}"));
            java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("CENTRA_ENDPOINT", h.simulator.endpoint(),
                    "CENTRA_TOKEN", SyncHarness.TOKEN, "SINK_JDBC_URL", h.jdbcUrl, "MAPPINGS_DIR", mappings.toString()));
            CommandLineTest.Result r = CommandLineTest.cli(env, "sync", "orders");
            assertEquals(2, r.code(), r.all());
            assertTrue(r.err().contains("table orders: column number exists with JDBC type BIGINT") && r.err().contains("ALTER TABLE"),
                    r.err());
            assertEquals(20, h.count("orders"), "nothing was touched");
        }
    }
}
