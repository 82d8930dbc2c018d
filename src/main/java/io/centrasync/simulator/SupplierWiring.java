package io.centrasync.simulator;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static io.centrasync.simulator.CommonWiring.src;

/**
 * Query fields and types of the supplier module: {@code purchaseOrders}, {@code purchaseOrderConnection},
 * {@code purchaseOrderDeliveries}, {@code purchaseOrderDeliveryConnection}. Dates default to
 * Centra's PO format {@code Y-m-d\TH:i:sO}. Connections page by keyset (sort key + id).
 */
final class SupplierWiring {
    private final ProductCatalog catalog;
    private final SupplierModule module;

    SupplierWiring(SimStore store) {
        this.catalog = store.catalog();
        this.module = store.supplierModule();
    }

    void wire(RuntimeWiring.Builder b) {
        b.type("Query", t -> t
                .dataFetcher("purchaseOrders", env -> page(sortedOrders(env), env))
                .dataFetcher("purchaseOrderConnection", env -> connection(env, sortedOrders(env),
                        SimPurchaseOrder::id, Map.of("createdAt", o -> o.createdAt().getEpochSecond(),
                                "updatedAt", o -> o.updatedAt().getEpochSecond())))
                .dataFetcher("purchaseOrderDeliveries", env -> page(sortedDeliveries(env, module.deliveries(), "id_ASC"), env))
                .dataFetcher("purchaseOrderDeliveryConnection", env -> connection(env,
                        sortedDeliveries(env, module.deliveries(), "id_ASC"), SimPurchaseOrderDelivery::id,
                        Map.of("createdAt", d -> d.createdAt().getEpochSecond()))));
        b.type("PurchaseOrder", t -> t
                .dataFetcher("createdAt", env -> date(env, ((SimPurchaseOrder) env.getSource()).createdAt()))
                .dataFetcher("updatedAt", env -> date(env, ((SimPurchaseOrder) env.getSource()).updatedAt()))
                .dataFetcher("ETA", env -> date(env, ((SimPurchaseOrder) env.getSource()).eta()))
                .dataFetcher("supplier", src((SimPurchaseOrder o) -> catalog.supplier(o.supplierId())))
                .dataFetcher("preferredWarehouse", src((SimPurchaseOrder o) ->
                        o.preferredWarehouseId() == null ? null : catalog.warehouse(o.preferredWarehouseId())))
                .dataFetcher("lines", src((SimPurchaseOrder o) -> o.lines().stream().map(l -> new PoLine(l, o.currency())).toList()))
                .dataFetcher("purchaseOrderDeliveries", env -> page(sortedDeliveries(env,
                        module.deliveriesOf(((SimPurchaseOrder) env.getSource()).id()), "id_DESC"), env)));
        b.type("PurchaseOrderLine", t -> t
                .dataFetcher("quantity", src((PoLine l) -> l.line().quantity()))
                .dataFetcher("linkedQuantity", src((PoLine l) -> l.line().linkedQuantity()))
                .dataFetcher("unlinkedQuantity", src((PoLine l) -> l.line().unlinkedQuantity()))
                .dataFetcher("unitCost", src((PoLine l) -> new Money(l.line().unitCost(), l.currency())))
                .dataFetcher("productSize", src((PoLine l) -> catalog.size(l.line().productSizeId()))));
        b.type("PurchaseOrderDelivery", t -> t
                .dataFetcher("createdAt", env -> date(env, ((SimPurchaseOrderDelivery) env.getSource()).createdAt()))
                .dataFetcher("ETA", env -> date(env, ((SimPurchaseOrderDelivery) env.getSource()).eta()))
                .dataFetcher("purchaseOrder", src((SimPurchaseOrderDelivery d) -> module.order(d.purchaseOrderId())))
                .dataFetcher("supplier", src((SimPurchaseOrderDelivery d) -> catalog.supplier(d.supplierId())))
                .dataFetcher("warehouse", src((SimPurchaseOrderDelivery d) ->
                        d.warehouseId() == null ? null : catalog.warehouse(d.warehouseId())))
                .dataFetcher("lines", src((SimPurchaseOrderDelivery d) ->
                        d.lines().stream().map(l -> new DeliveryLine(l, d.currency())).toList())));
        b.type("PurchaseOrderDeliveryLine", t -> t
                .dataFetcher("quantity", src((DeliveryLine l) -> l.line().quantity()))
                .dataFetcher("landedCost", src((DeliveryLine l) -> new Money(l.line().landedCost(), l.currency())))
                .dataFetcher("productSize", src((DeliveryLine l) -> catalog.size(l.line().productSizeId()))));
    }

    /** A line with its parent's currency (needed to render MonetaryValue). */
    record PoLine(SimPurchaseOrderLine line, SimCurrency currency) {
    }

    /** A delivery line with its delivery's currency. */
    record DeliveryLine(SimPurchaseOrderDeliveryLine line, SimCurrency currency) {
    }

    private static String date(DataFetchingEnvironment env, Instant t) {
        return t == null ? null : CentraTime.format(t, Args.format(env, PhpDateFormat.PURCHASE_ORDER_DEFAULT));
    }

    private List<SimPurchaseOrder> sortedOrders(DataFetchingEnvironment env) {
        Map<String, Object> w = Args.map(env.getArgument("where"));
        Stream<SimPurchaseOrder> s = module.orders().stream();
        if (w.get("id") != null) {
            Set<Integer> ids = new HashSet<>(Args.list(w.get("id")));
            s = s.filter(o -> ids.contains(o.id()));
        }
        if (w.get("status") != null) {
            Set<String> st = new HashSet<>(Args.<Object>list(w.get("status")).stream().map(Object::toString).toList());
            s = s.filter(o -> st.contains(o.status().name()));
        }
        if (w.get("createdAt") != null) {
            long[] r = Args.dateRange(w.get("createdAt"));
            s = s.filter(o -> Args.inRange(o.createdAt(), r));
        }
        if (w.get("updatedAt") != null) {
            long[] r = Args.dateRange(w.get("updatedAt"));
            s = s.filter(o -> Args.inRange(o.updatedAt(), r));
        }
        return sort(s, Args.sort(env, "id_ASC"), SimPurchaseOrder::id,
                Map.of("createdAt", SimPurchaseOrder::createdAt, "updatedAt", SimPurchaseOrder::updatedAt));
    }

    private static List<SimPurchaseOrderDelivery> sortedDeliveries(DataFetchingEnvironment env,
                                                                   List<SimPurchaseOrderDelivery> all, String dflt) {
        Map<String, Object> w = Args.map(env.getArgument("where"));
        Stream<SimPurchaseOrderDelivery> s = all.stream();
        if (w.get("id") != null) {
            Set<Integer> ids = new HashSet<>(Args.list(w.get("id")));
            s = s.filter(d -> ids.contains(d.id()));
        }
        if (w.get("number") != null) {
            Set<String> numbers = new HashSet<>(Args.list(w.get("number")));
            s = s.filter(d -> numbers.contains(d.number()));
        }
        if (w.get("status") != null) {
            String st = w.get("status").toString();
            s = s.filter(d -> d.status().name().equals(st));
        }
        if (w.get("createdAt") != null) {
            long[] r = Args.dateRange(w.get("createdAt"));
            s = s.filter(d -> Args.inRange(d.createdAt(), r));
        }
        return sort(s, Args.sort(env, dflt), SimPurchaseOrderDelivery::id, Map.of("createdAt", SimPurchaseOrderDelivery::createdAt));
    }

    private static <T> List<T> sort(Stream<T> s, String sort, ToLongFunction<T> id, Map<String, Function<T, Instant>> times) {
        String field = sort.substring(0, sort.lastIndexOf('_'));
        Comparator<T> cmp = Comparator.comparingLong(id);
        if (times.containsKey(field)) {
            cmp = Comparator.comparing(times.get(field)).thenComparingLong(id);
        }
        return s.sorted(sort.endsWith("_DESC") ? cmp.reversed() : cmp).toList();
    }

    private static <T> List<T> page(List<T> sorted, DataFetchingEnvironment env) {
        int limit = Args.limit(env.getArgument("limit"), "limit", 20);
        int page = Args.page(env.getArgument("page"));
        return sorted.stream().skip((long) (page - 1) * limit).limit(limit).toList();
    }

    /** Keyset connection over an already filtered and sorted list. */
    private static <T> Object connection(DataFetchingEnvironment env, List<T> sorted, ToLongFunction<T> idOf,
                                         Map<String, ToLongFunction<T>> timeKeys) {
        String sort = Args.sort(env, "id_ASC");
        String field = sort.substring(0, sort.lastIndexOf('_'));
        boolean asc = sort.endsWith("_ASC");
        ToLongFunction<T> key = timeKeys.getOrDefault(field, idOf);
        boolean byId = !timeKeys.containsKey(field);
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        boolean backward = first == null && last != null;
        int size = backward ? Args.limit(last, "last", 20) : Args.limit(first, "first", 20);
        String cursor = backward ? env.getArgument("before") : env.getArgument("after");
        long[] pos = cursor == null ? null : decode(cursor, field, byId);
        List<T> rows = new ArrayList<>();
        boolean more = false;
        List<T> seq = sorted;
        if (backward) {
            seq = new ArrayList<>(sorted);
            Collections.reverse(seq);
        }
        for (T item : seq) {
            if (pos != null) {
                int c = Long.compare(key.applyAsLong(item), pos[0]);
                c = c != 0 ? c : Long.compare(idOf.applyAsLong(item), pos[1]);
                c = asc ? c : -c;
                if (backward ? c >= 0 : c <= 0) {
                    continue;
                }
            }
            if (rows.size() == size) {
                more = true;
                break;
            }
            rows.add(item);
        }
        if (backward) {
            Collections.reverse(rows);
        }
        List<String> cursors = rows.stream().map(r -> byId ? CursorCodec.encode("id:" + idOf.applyAsLong(r))
                : CursorCodec.timeCursor(field, key.applyAsLong(r), "id", idOf.applyAsLong(r))).toList();
        int total = sorted.size();
        return CommonWiring.connection(() -> total, rows, cursors,
                backward ? cursor != null : more, backward ? more : cursor != null);
    }

    private static long[] decode(String cursor, String field, boolean byId) {
        if (byId) {
            long id = CursorCodec.parseLong(CursorCodec.parts(cursor, "id", null)[0]);
            return new long[]{id, id};
        }
        String[] p = CursorCodec.parts(cursor, field, "id");
        return new long[]{CursorCodec.parseTime(p[0]), CursorCodec.parseLong(p[1])};
    }
}
