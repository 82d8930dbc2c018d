package io.centrasync.it;

import io.centrasync.simulator.SimAttribute;
import io.centrasync.simulator.SimAttributeElement;
import io.centrasync.simulator.SimLine;
import io.centrasync.simulator.SimOrder;
import io.centrasync.simulator.SimProductSize;
import io.centrasync.simulator.SimPurchaseOrder;
import io.centrasync.simulator.SimPurchaseOrderDelivery;
import io.centrasync.simulator.SimPurchaseOrderDeliveryLine;
import io.centrasync.simulator.SimPurchaseOrderLine;
import io.centrasync.simulator.SimStore;
import io.centrasync.simulator.SimSupplier;
import io.centrasync.simulator.SimWarehouse;

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

    static TreeSet<String> stock(SimStore store) {
        Map<Integer, SimWarehouse> warehouses = store.warehouses().stream().collect(Collectors.toMap(SimWarehouse::id, w -> w));
        Map<Integer, SimProductSize> sizes = store.productSizes().stream().collect(Collectors.toMap(SimProductSize::id, p -> p));
        return store.stock().stream().map(s -> line(s.warehouseId(), s.productSizeId(), warehouses.get(s.warehouseId()).name(),
                sizes.get(s.productSizeId()).sku(), sizes.get(s.productSizeId()).ean(), s.physicalQuantity(), s.allocatedQuantity(),
                s.freeToAllocateQuantity(), s.availableNowQuantity(), s.availableQuantity(), s.demandQuantity(),
                s.incomingQuantity(), s.linkedIncomingQuantity(), s.unlinkedIncomingQuantity(), s.onDeliveryQuantity(),
                s.unshippedQuantity())).collect(Collectors.toCollection(TreeSet::new));
    }

    static final String[] STOCK_COLUMNS = {"warehouse_id", "product_size_id", "warehouse_name", "sku", "ean",
            "physical_quantity", "allocated_quantity", "free_to_allocate_quantity", "available_now_quantity",
            "available_quantity", "demand_quantity", "incoming_quantity", "linked_incoming_quantity",
            "unlinked_incoming_quantity", "on_delivery_quantity", "unshipped_quantity"};

    static TreeSet<String> purchaseOrders(SimStore store) {
        Map<Integer, SimSupplier> suppliers = store.suppliers().stream().collect(Collectors.toMap(SimSupplier::id, x -> x));
        return store.purchaseOrders().stream().map(po -> line(po.id(), po.status().name(), po.createdAt(), po.updatedAt(),
                po.eta(), po.supplierId(), suppliers.get(po.supplierId()).name(), po.preferredWarehouseId(), po.currency().code(),
                po.ourReference())).collect(Collectors.toCollection(TreeSet::new));
    }

    static final String[] PURCHASE_ORDER_COLUMNS = {"id", "status", "created_at", "updated_at", "eta", "supplier_id",
            "supplier_name", "warehouse_id", "currency", "our_reference"};

    static TreeSet<String> purchaseOrderLines(SimStore store) {
        Map<Integer, SimProductSize> sizes = store.productSizes().stream().collect(Collectors.toMap(SimProductSize::id, p -> p));
        TreeSet<String> rows = new TreeSet<>();
        for (SimPurchaseOrder po : store.purchaseOrders()) {
            int n = 1;
            for (SimPurchaseOrderLine l : po.lines()) {
                rows.add(line(po.id(), n++, l.productSizeId(), sizes.get(l.productSizeId()).sku(), l.quantity(),
                        l.linkedQuantity(), l.unlinkedQuantity(), l.unitCost()));
            }
        }
        return rows;
    }

    static final String[] PURCHASE_ORDER_LINE_COLUMNS = {"purchase_order_id", "line_no", "product_size_id", "sku", "quantity",
            "linked_quantity", "unlinked_quantity", "unit_cost"};

    static TreeSet<String> deliveries(SimStore store) {
        return store.purchaseOrderDeliveries().stream().map(d -> line(d.id(), d.number(), d.purchaseOrderId(), d.status().name(),
                d.createdAt(), d.eta(), d.warehouseId(), d.supplierId())).collect(Collectors.toCollection(TreeSet::new));
    }

    static final String[] DELIVERY_COLUMNS = {"id", "number", "purchase_order_id", "status", "created_at", "eta",
            "warehouse_id", "supplier_id"};

    static TreeSet<String> deliveryLines(SimStore store) {
        Map<Integer, SimProductSize> sizes = store.productSizes().stream().collect(Collectors.toMap(SimProductSize::id, p -> p));
        TreeSet<String> rows = new TreeSet<>();
        for (SimPurchaseOrderDelivery d : store.purchaseOrderDeliveries()) {
            int n = 1;
            for (SimPurchaseOrderDeliveryLine l : d.lines()) {
                rows.add(line(d.id(), n++, l.productSizeId(), sizes.get(l.productSizeId()).sku(), l.quantity(), l.landedCost()));
            }
        }
        return rows;
    }

    static final String[] DELIVERY_LINE_COLUMNS = {"delivery_id", "line_no", "product_size_id", "sku", "quantity", "landed_cost"};

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

    /** The stock table holds exactly the simulator's stock. */
    static void assertStockEqualsSource(SyncHarness h) {
        org.junit.jupiter.api.Assertions.assertEquals(stock(h.simulator.store()), rows(h.query("SELECT * FROM stock"), STOCK_COLUMNS));
    }

    /** The purchase order tables hold exactly the simulator's purchase orders. */
    static void assertPurchaseOrdersEqualSource(SyncHarness h) {
        SimStore store = h.simulator.store();
        org.junit.jupiter.api.Assertions.assertEquals(purchaseOrders(store), rows(h.query("SELECT * FROM purchase_orders"),
                PURCHASE_ORDER_COLUMNS));
        org.junit.jupiter.api.Assertions.assertEquals(purchaseOrderLines(store), rows(h.query("SELECT * FROM purchase_order_lines"),
                PURCHASE_ORDER_LINE_COLUMNS));
    }

    /** The purchase order and delivery tables hold exactly the simulator's. */
    static void assertIndeliveriesEqualSource(SyncHarness h) {
        assertPurchaseOrdersEqualSource(h);
        SimStore store = h.simulator.store();
        org.junit.jupiter.api.Assertions.assertEquals(deliveries(store), rows(h.query("SELECT * FROM purchase_order_deliveries"),
                DELIVERY_COLUMNS));
        org.junit.jupiter.api.Assertions.assertEquals(deliveryLines(store), rows(h.query("SELECT * FROM purchase_order_delivery_lines"),
                DELIVERY_LINE_COLUMNS));
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
