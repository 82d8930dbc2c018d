package io.centrasync.simulator;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Centra's events system ({@link EventQueue}): the {@code events} and {@code eventListeners} queries and the mutations. */
final class EventWiring {

    private final EventQueue queue;

    EventWiring(EventQueue queue) {
        this.queue = queue;
    }

    void wire(RuntimeWiring.Builder b) {
        b.type("Query", t -> t
                .dataFetcher("events", this::events)
                .dataFetcher("eventListeners", env -> queue.listeners()));
        b.type("Mutation", t -> t
                .dataFetcher("setEventListeners", env -> payload(queue.set(listeners(env))))
                .dataFetcher("unsetEventListeners", env -> payload(queue.unset(listeners(env).stream()
                        .map(EventQueue.Listener::objectType).toList())))
                .dataFetcher("confirmEvents", this::confirm));
        b.type("Event", t -> t
                .dataFetcher("createdAt", env -> CentraTime.format(((EventQueue.SimEvent) env.getSource()).createdAt(),
                        Args.format(env, PhpDateFormat.ORDER_DEFAULT)))
                .dataFetcher("object", env -> ((EventQueue.SimEvent) env.getSource()).object().get()));
        b.type("EventListener", t -> t
                .dataFetcher("changeTypes", env -> {
                    List<String> types = ((EventQueue.Listener) env.getSource()).changeTypes();
                    return types.isEmpty() ? null : types;
                })
                .dataFetcher("createdAt", env -> CentraTime.format(((EventQueue.Listener) env.getSource()).createdAt(),
                        Args.format(env, PhpDateFormat.ORDER_DEFAULT)))
                .dataFetcher("updatedAt", env -> CentraTime.format(((EventQueue.Listener) env.getSource()).updatedAt(),
                        Args.format(env, PhpDateFormat.ORDER_DEFAULT))));
        b.type("EventTarget", t -> t.typeResolver(env -> env.getSchema().getObjectType(typename(env.getObject()))));
    }

    private static String typename(Object object) {
        if (object instanceof SimOrder order) {
            return order.typename();
        }
        return object instanceof SimPurchaseOrder ? "PurchaseOrder" : "PurchaseOrderDelivery";
    }

    private List<EventQueue.SimEvent> events(DataFetchingEnvironment env) {
        Map<String, Object> where = env.getArgument("where");
        Integer limit = env.getArgument("limit");
        return queue.unconfirmed(names(where, "objectType"), names(where, "changeType"), limit == null ? 100 : Math.max(0, limit));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> names(Map<String, Object> where, String field) {
        if (where == null || where.get(field) == null) {
            return null;
        }
        return new HashSet<>((List<String>) where.get(field));
    }

    @SuppressWarnings("unchecked")
    private static List<EventQueue.Listener> listeners(DataFetchingEnvironment env) {
        List<EventQueue.Listener> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Map<String, Object> input : (List<Map<String, Object>>) env.getArgument("input")) {
            List<String> changeTypes = (List<String>) input.get("changeTypes");
            out.add(new EventQueue.Listener((String) input.get("objectType"), changeTypes == null ? List.of() : List.copyOf(changeTypes),
                    now, now));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> confirm(DataFetchingEnvironment env) {
        Map<String, Object> input = env.getArgument("input");
        queue.confirm((List<Integer>) input.get("eventsIds"));
        return Map.of("userErrors", List.of(), "userWarnings", List.of());
    }

    private static Map<String, Object> payload(List<EventQueue.Listener> listeners) {
        return Map.of("eventListeners", listeners, "userErrors", List.of(), "userWarnings", List.of());
    }
}
