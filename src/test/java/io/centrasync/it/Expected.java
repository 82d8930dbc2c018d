package io.centrasync.it;

import io.centrasync.simulator.SimAttribute;
import io.centrasync.simulator.SimAttributeElement;
import io.centrasync.simulator.SimLine;
import io.centrasync.simulator.SimOrder;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rows the default mapping must produce, computed from the simulator's own domain records (not
 * through our mapper), and a canonical text form so database rows compare value by value.
 */
final class Expected {

    private Expected() {
    }

    static TreeSet<String> orders(List<SimOrder> orders) {
        return orders.stream().map(o -> line(o.id(), o.number(), storeType(o), o.status().name(), o.createdAt(),
                o.updatedAt(), o.currencyCode(), o.grandTotal())).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The default mapping translates Centra's store type with a value map. */
    static String storeType(SimOrder o) {
        return o.storeType().name().equals("DIRECT_TO_CONSUMER") ? "DTC" : o.storeType().name();
    }

    static TreeSet<String> orderLines(List<SimOrder> orders) {
        TreeSet<String> rows = new TreeSet<>();
        for (SimOrder o : orders) {
            for (SimLine l : o.allLines()) {
                rows.add(line(o.id(), l.id(), l.sku(), l.ean(), l.quantity(), l.cancelledQuantity(), l.unitPrice(), l.lineValue()));
            }
        }
        return rows;
    }

    static TreeSet<String> orderAttributes(List<SimOrder> orders) {
        TreeSet<String> rows = new TreeSet<>();
        for (SimOrder o : orders) {
            for (SimAttribute a : o.attributes()) {
                for (SimAttributeElement e : a.elements()) {
                    rows.add(line(o.id(), a.typeName(), e.key(), e.choice() ? e.selectedValue() : e.value()));
                }
            }
        }
        return rows;
    }

    /** The orders, order_lines and order_attributes tables hold exactly the simulator's orders. */
    static void assertDatabaseEqualsSource(SyncHarness h) {
        List<SimOrder> orders = h.simulator.store().orders().toList();
        org.junit.jupiter.api.Assertions.assertEquals(orders(orders), rows(h.query("SELECT * FROM orders"),
                "id", "number", "store_type", "status", "created_at", "updated_at", "currency", "grand_total"));
        org.junit.jupiter.api.Assertions.assertEquals(orderLines(orders), rows(h.query("SELECT * FROM order_lines"),
                "order_id", "line_id", "sku", "ean", "quantity", "cancelled_quantity", "unit_price", "line_value"));
        org.junit.jupiter.api.Assertions.assertEquals(orderAttributes(orders), rows(h.query("SELECT * FROM order_attributes"),
                "order_id", "attribute_type", "element_key", "element_value"));
    }

    static TreeSet<String> rows(List<Map<String, Object>> rows, String... columns) {
        return rows.stream().map(r -> line(java.util.Arrays.stream(columns).map(r::get).toArray()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String line(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(canonical(v)).append(" | ");
        }
        return sb.toString();
    }

    static String canonical(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return v.toString();
    }
}
