package io.centrasync.simulator;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Centra's read permissions ({@code Type:read}, {@code Type.field:read}) and the fields that need them: a field
 * returning an object (or a connection of objects) needs its type's permission, and the guarded fields
 * (attributes, internal comments, stock) their own. The names are those of Centra's docs.
 */
final class Permissions {
    private static final Map<String, String> TYPE_PERMISSIONS = Map.ofEntries(
            Map.entry("Order", "Order:read"),
            Map.entry("DirectToConsumerOrder", "Order:read"),
            Map.entry("WholesaleOrder", "Order:read"),
            Map.entry("Warehouse", "Warehouse:read"),
            Map.entry("ProductSize", "ProductSize:read"),
            Map.entry("PurchaseOrder", "PurchaseOrder:read"),
            Map.entry("PurchaseOrderDelivery", "PurchaseOrderDelivery:read"),
            Map.entry("Supplier", "Supplier:read"),
            Map.entry("Market", "Market:read"),
            Map.entry("Store", "Store:read"),
            Map.entry("Customer", "Customer:read"),
            Map.entry("Account", "Account:read"),
            Map.entry("Buyer", "Buyer:read"));
    /** By {@code Type.field}; an order's fields by field name alone (every order type has them). */
    private static final Map<String, String> FIELD_PERMISSIONS = Map.of(
            "attributes", "Order.attributes:read",
            "internalComment", "Order.internalComment:read",
            "Warehouse.stock", "Warehouse.stock:read",
            "ProductSize.stock", "ProductSize.stock:read");
    private static final String CONNECTION = "Connection";

    private Permissions() {
    }

    /** The permissions reading {@code field} of {@code parent} needs. */
    static Set<String> of(String parent, GraphQLFieldDefinition field) {
        Set<String> out = new TreeSet<>();
        GraphQLNamedType named = GraphQLTypeUtil.unwrapAll(field.getType());
        String type = named.getName();
        String p = TYPE_PERMISSIONS.get(type.endsWith(CONNECTION) ? type.substring(0, type.length() - CONNECTION.length()) : type);
        if (p != null) {
            out.add(p);
        }
        p = FIELD_PERMISSIONS.get(parent + "." + field.getName());
        if (p != null) {
            out.add(p);
        }
        if (TYPE_PERMISSIONS.containsKey(parent) && parent.endsWith("Order") && FIELD_PERMISSIONS.containsKey(field.getName())) {
            out.add(FIELD_PERMISSIONS.get(field.getName()));
        }
        return out;
    }
}
