package io.centrasync.simulator;

import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Centra's query cost, computed before execution: scalars cost 0 (the "expensive" stock
 * quantities 2), an object 1 + its fields, a list its item cost × {@code limit} (10 when the
 * field has no limit), a connection its item cost × {@code first}/{@code last}; edges add nothing.
 * Also collects the permissions the query needs ({@code extensions.permissionsUsed}).
 */
final class ComplexityCalculator {
    /** Result: total complexity and sorted permission names. */
    record Cost(int complexity, List<String> permissions) {
    }

    private static final Set<String> CHEAP_STOCK_FIELDS = Set.of("freeToAllocateQuantity", "productSize", "warehouse");
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
    private static final Map<String, String> FIELD_PERMISSIONS = Map.of(
            "attributes", "Order.attributes:read",
            "internalComment", "Order.internalComment:read",
            "Warehouse.stock", "Warehouse.stock:read",
            "ProductSize.stock", "ProductSize.stock:read");

    private final GraphQLSchema schema;

    ComplexityCalculator(GraphQLSchema schema) {
        this.schema = schema;
    }

    Cost calculate(Document document, String operationName, Map<String, Object> variables) {
        Set<String> permissions = new TreeSet<>();
        int total = QueryComplexityCalculator.newCalculator()
                .schema(schema)
                .document(document)
                .operationName(operationName)
                .variables(CoercedVariables.of(variables == null ? Map.of() : variables))
                .fieldComplexityCalculator((env, child) -> fieldCost(env, child, permissions))
                .build()
                .calculate();
        return new Cost(total, List.copyOf(permissions));
    }

    private static int fieldCost(FieldComplexityEnvironment env, int child, Set<String> permissions) {
        GraphQLFieldDefinition def = env.getFieldDefinition();
        String parent = env.getParentType().getName();
        String field = def.getName();
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(def.getType());
        GraphQLNamedType named = GraphQLTypeUtil.unwrapAll(def.getType());
        collectPermissions(parent, field, named.getName(), permissions);
        if (GraphQLTypeUtil.isLeaf(named)) {
            return parent.equals("Stock") && !CHEAP_STOCK_FIELDS.contains(field) ? 2 : 0;
        }
        if (parent.endsWith("Connection") && field.equals("edges")) {
            return child;
        }
        if (named.getName().endsWith("Connection")) {
            return multiplier(env.getArguments(), "first", "last") * child;
        }
        if (type instanceof GraphQLList) {
            return multiplier(env.getArguments(), "limit", null) * (1 + child);
        }
        return 1 + child;
    }

    private static int multiplier(Map<String, Object> args, String name, String alt) {
        Object v = args.get(name);
        if (v == null && alt != null) {
            v = args.get(alt);
        }
        if (v instanceof Number n) {
            return Math.max(0, n.intValue());
        }
        return v == null && alt != null ? OrderWiring.DEFAULT_PAGE_SIZE : 10;
    }

    private static void collectPermissions(String parent, String field, String type, Set<String> permissions) {
        String p = TYPE_PERMISSIONS.get(type);
        if (p != null) {
            permissions.add(p);
        }
        p = FIELD_PERMISSIONS.get(parent + "." + field);
        if (p != null) {
            permissions.add(p);
        }
        if (TYPE_PERMISSIONS.containsKey(parent) && parent.endsWith("Order") && FIELD_PERMISSIONS.containsKey(field)) {
            permissions.add(FIELD_PERMISSIONS.get(field));
        }
    }
}
