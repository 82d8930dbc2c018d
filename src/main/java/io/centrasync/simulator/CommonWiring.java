package io.centrasync.simulator;

import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;

/** Wiring of shared types (money, currency, page info) and helpers for connection results. */
final class CommonWiring {
    private CommonWiring() {
    }

    /** Data fetcher that applies a function to the source object. */
    @SuppressWarnings("unchecked")
    static <T> DataFetcher<Object> src(Function<T, Object> f) {
        return env -> f.apply((T) env.getSource());
    }

    static void wire(RuntimeWiring.Builder b) {
        b.type("MonetaryValue", t -> t
                .dataFetcher("value", src((Money m) -> m.value().doubleValue()))
                .dataFetcher("currency", src(Money::currency))
                .dataFetcher("formattedValue", src((Money m) -> m.currency().formatted(m.value())))
                .dataFetcher("valueInCents", src((Money m) -> m.currency().valueInCents(m.value())))
                .dataFetcher("conversionRate", src((Money m) -> m.currency().baseRate())));
        b.type("Currency", t -> t
                .dataFetcher("id", src(SimCurrency::id))
                .dataFetcher("code", src(SimCurrency::code))
                .dataFetcher("name", src(SimCurrency::displayName)));
        b.type("OrderConnection", t -> t.dataFetcher("totalCount", CommonWiring::totalCount));
        b.type("PurchaseOrderConnection", t -> t.dataFetcher("totalCount", CommonWiring::totalCount));
        b.type("PurchaseOrderDeliveryConnection", t -> t.dataFetcher("totalCount", CommonWiring::totalCount));
    }

    private static Object totalCount(graphql.schema.DataFetchingEnvironment env) {
        Map<String, Object> m = env.getSource();
        return ((IntSupplier) m.get("totalCount")).getAsInt();
    }

    /**
     * Builds a connection result (maps read by the default property fetcher).
     *
     * @param nodes   the page, in output order
     * @param cursors cursor per node
     */
    static Map<String, Object> connection(IntSupplier totalCount, List<?> nodes, List<String> cursors,
                                          boolean hasNext, boolean hasPrevious) {
        List<Map<String, Object>> edges = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            edges.add(Map.of("cursor", cursors.get(i), "node", nodes.get(i)));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", hasPrevious);
        pageInfo.put("startCursor", cursors.isEmpty() ? null : cursors.get(0));
        pageInfo.put("endCursor", cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("totalCount", totalCount);
        c.put("edges", edges);
        c.put("pageInfo", pageInfo);
        return c;
    }
}
