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
        permissions.addAll(Permissions.of(parent, def));
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
}
