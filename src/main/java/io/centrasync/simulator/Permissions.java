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
    /** The types whose reading needs {@code <Type>:read}; every order type needs {@code Order:read}. */
    private static final Set<String> GUARDED_TYPES = Set.of("Order", "Warehouse", "ProductSize", "PurchaseOrder",
            "PurchaseOrderDelivery", "Supplier", "Market", "Store", "Customer", "Account", "Buyer", "Event");
    private static final Set<String> ORDER_TYPES = Set.of("Order", "DirectToConsumerOrder", "WholesaleOrder");
    /** By {@code Type.field}; an order's fields by field name alone (every order type has them). */
    private static final Map<String, String> FIELD_PERMISSIONS = Map.of(
            "attributes", "Order.attributes:read",
            "internalComment", "Order.internalComment:read",
            "Warehouse.stock", "Warehouse.stock:read",
            "ProductSize.stock", "ProductSize.stock:read",
            "Query.eventListeners", "Event:read",
            "Mutation.setEventListeners", "Event:write",
            "Mutation.unsetEventListeners", "Event:write",
            "Mutation.confirmEvents", "Event:write");
    private static final String CONNECTION = "Connection";

    private Permissions() {
    }

    /** The permissions reading {@code field} of {@code parent} needs. */
    static Set<String> of(String parent, GraphQLFieldDefinition field) {
        Set<String> out = new TreeSet<>();
        GraphQLNamedType named = GraphQLTypeUtil.unwrapAll(field.getType());
        String type = named.getName();
        String p = typePermission(type.endsWith(CONNECTION) ? type.substring(0, type.length() - CONNECTION.length()) : type);
        if (p != null) {
            out.add(p);
        }
        p = FIELD_PERMISSIONS.get(parent + "." + field.getName());
        if (p != null) {
            out.add(p);
        }
        if (ORDER_TYPES.contains(parent) && FIELD_PERMISSIONS.containsKey(field.getName())) {
            out.add(FIELD_PERMISSIONS.get(field.getName()));
        }
        return out;
    }

    private static String typePermission(String type) {
        String guarded = ORDER_TYPES.contains(type) ? "Order" : type;
        return GUARDED_TYPES.contains(guarded) ? guarded + ":read" : null;
    }
}
