package io.centrasync.simulator;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeRuntimeWiring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.centrasync.simulator.CommonWiring.src;

/** Query fields and types for orders: {@code orderConnection}, {@code orders}, {@code order}. */
final class OrderWiring {
    /** Default order sort. Centra's default is not documented; the simulator uses its example's. */
    static final String DEFAULT_SORT = "orderDate_DESC";
    static final int DEFAULT_PAGE_SIZE = 20;

    private final SimStore store;
    private final OrderTable table;

    OrderWiring(SimStore store) {
        this.store = store;
        this.table = store.orderTable();
    }

    void wire(RuntimeWiring.Builder b) {
        b.type("Query", t -> t
                .dataFetcher("orderConnection", this::orderConnection)
                .dataFetcher("orders", this::orders)
                .dataFetcher("order", env -> store.order(env.getArgument("id")).orElse(null)));
        b.type("Order", t -> t.typeResolver(env -> env.getSchema().getObjectType(((SimOrder) env.getObject()).typename())));
        b.type("ObjectWithAttributes", t -> t.typeResolver(
                env -> env.getSchema().getObjectType(((SimOrder) env.getObject()).typename())));
        b.type("DirectToConsumerOrder", this::orderFields);
        b.type("WholesaleOrder", this::orderFields);
        b.type("OrderTotals", t -> t
                .dataFetcher("quantity", src(SimOrder::totalQuantity))
                .dataFetcher("cancelledQuantity", src(SimOrder::totalCancelledQuantity))
                .dataFetcher("lineValues", src((SimOrder o) -> new Money(o.lineValues(), o.currency())))
                .dataFetcher("shipping", src((SimOrder o) -> new Money(o.shipping(), o.currency())))
                .dataFetcher("taxIncluded", src((SimOrder o) -> new Money(o.taxIncluded(), o.currency()))));
        b.type("OrderLine", t -> t.typeResolver(env -> env.getSchema().getObjectType(((SimLine) env.getObject()).typename())));
        for (String type : List.of("ProductOrderLine", "GiftCertificateOrderLine", "BundleOrderLine")) {
            b.type(type, t -> t
                    .dataFetcher("unitPrice", env -> money(env, SimLine::unitPrice, SimLine::exTax))
                    .dataFetcher("unitOriginalPrice", env -> money(env, SimLine::unitOriginalPrice, SimLine::exTax))
                    .dataFetcher("lineValue", env -> money(env, SimLine::lineValue, SimLine::exTax)));
        }
        b.type("ProductSize", t -> t
                .dataFetcher("SKU", src(SimProductSize::sku))
                .dataFetcher("EAN", src(SimProductSize::ean)));
        b.type("Attribute", t -> t.typeResolver(env -> env.getSchema().getObjectType(((SimAttribute) env.getObject()).typename())));
        b.type("AttributeElement", t -> t.typeResolver(
                env -> env.getSchema().getObjectType(((SimAttributeElement) env.getObject()).typename())));
        for (String type : List.of("MappedAttribute", "DynamicAttribute")) {
            b.type(type, t -> t.dataFetcher("type", src((SimAttribute a) -> Map.of("name", a.typeName(), "isMapped", a.mapped()))));
        }
    }

    private static Object money(DataFetchingEnvironment env, Function<SimLine, java.math.BigDecimal> incl,
                                java.util.function.BiFunction<SimLine, java.math.BigDecimal, java.math.BigDecimal> exTax) {
        SimLine l = env.getSource();
        java.math.BigDecimal v = incl.apply(l);
        return new Money(Args.flag(env, "includingTax", true) ? v : exTax.apply(l, v), l.currency());
    }

    private TypeRuntimeWiring.Builder orderFields(TypeRuntimeWiring.Builder t) {
        return t
                .dataFetcher("createdAt", env -> CentraTime.format(((SimOrder) env.getSource()).createdAt(),
                        Args.format(env, PhpDateFormat.ORDER_DEFAULT)))
                .dataFetcher("updatedAt", env -> CentraTime.format(((SimOrder) env.getSource()).updatedAt(),
                        Args.format(env, PhpDateFormat.ORDER_DEFAULT)))
                .dataFetcher("orderDate", env -> CentraTime.format(((SimOrder) env.getSource()).orderDate(),
                        Args.format(env, PhpDateFormat.ORDER_DEFAULT)))
                .dataFetcher("grandTotal", env -> {
                    SimOrder o = env.getSource();
                    return new Money(o.grandTotal(Args.flag(env, "includingTax", true)), o.currency());
                })
                .dataFetcher("totals", DataFetchingEnvironment::getSource)
                .dataFetcher("store", src((SimOrder o) -> Map.of("id", o.storeId(), "name", o.storeName(), "type", o.storeType())))
                .dataFetcher("market", src((SimOrder o) -> Map.of("id", o.marketId(), "name", o.marketName())))
                .dataFetcher("country", src((SimOrder o) -> Map.of("code", o.countryCode(), "name", o.countryName())))
                .dataFetcher("lines", env -> ((SimOrder) env.getSource()).lines(Args.flag(env, "includeFullyCancelled", false)));
    }

    // ------------------------------------------------------------------ root fields

    private Object orderConnection(DataFetchingEnvironment env) {
        OrderTable.Filter filter = filter(env.getArgument("where"));
        OrderTable.Sort sort = OrderTable.Sort.parse(Args.sort(env, DEFAULT_SORT));
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String after = env.getArgument("after");
        String before = env.getArgument("before");
        boolean backward = first == null && last != null;
        List<OrderTable.Snapshot> rows;
        boolean hasNext;
        boolean hasPrevious;
        if (backward) {
            int size = Args.limit(last, "last", DEFAULT_PAGE_SIZE);
            OrderTable.Sort reversed = new OrderTable.Sort(sort.field(), !sort.ascending());
            OrderTable.Page page = table.page(filter, reversed, before == null ? null : decode(sort, before), 0, size);
            rows = new ArrayList<>(page.rows());
            Collections.reverse(rows);
            hasPrevious = page.more();
            hasNext = before != null;
        } else {
            int size = Args.limit(first, "first", DEFAULT_PAGE_SIZE);
            OrderTable.Page page = table.page(filter, sort, after == null ? null : decode(sort, after), 0, size);
            rows = page.rows();
            hasNext = page.more();
            hasPrevious = after != null;
        }
        List<SimOrder> nodes = new ArrayList<>(rows.size());
        List<String> cursors = new ArrayList<>(rows.size());
        for (OrderTable.Snapshot s : rows) {
            nodes.add(table.materialise(s));
            cursors.add(encode(sort, s));
        }
        return CommonWiring.connection(() -> table.totalCount(filter), nodes, cursors, hasNext, hasPrevious);
    }

    private Object orders(DataFetchingEnvironment env) {
        OrderTable.Filter filter = filter(env.getArgument("where"));
        OrderTable.Sort sort = OrderTable.Sort.parse(Args.sort(env, DEFAULT_SORT));
        int limit = Args.limit(env.getArgument("limit"), "limit", DEFAULT_PAGE_SIZE);
        int page = Args.page(env.getArgument("page"));
        long offset = (long) (page - 1) * limit;
        if (offset > Integer.MAX_VALUE) {
            return List.of();
        }
        return table.page(filter, sort, null, (int) offset, limit).rows().stream().map(table::materialise).toList();
    }

    // ------------------------------------------------------------------ cursors and filters

    private String encode(OrderTable.Sort sort, OrderTable.Snapshot s) {
        return switch (sort.field()) {
            case NUMBER -> CursorCodec.encode("number:" + s.number());
            case ID -> CursorCodec.encode("id:" + store.orderGenerator().orderId(s.number()));
            case ORDER_DATE, CREATED_AT -> CursorCodec.timeCursor(sort.field().graphqlName, s.created(), "number", s.number());
            case UPDATED_AT -> CursorCodec.timeCursor(sort.field().graphqlName, s.updated(), "number", s.number());
        };
    }

    private OrderTable.Position decode(OrderTable.Sort sort, String cursor) {
        String name = sort.field().graphqlName;
        switch (sort.field()) {
            case NUMBER -> {
                long n = CursorCodec.parseLong(CursorCodec.parts(cursor, name, null)[0]);
                return new OrderTable.Position(n, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n)));
            }
            case ID -> {
                String id = CursorCodec.parts(cursor, name, null)[0];
                int n = store.orderGenerator().numberOf(id);
                if (n < 1) {
                    throw new UserError("Invalid cursor");
                }
                return new OrderTable.Position(table.idPrimary(n), n);
            }
            default -> {
                String[] p = CursorCodec.parts(cursor, name, "number");
                return new OrderTable.Position(CursorCodec.parseTime(p[0]), (int) CursorCodec.parseLong(p[1]));
            }
        }
    }

    private OrderTable.Filter filter(Object where) {
        Map<String, Object> w = Args.map(where);
        if (w.isEmpty()) {
            return OrderTable.Filter.ALL;
        }
        Set<Integer> numbers = null;
        if (w.get("id") != null) {
            numbers = new HashSet<>();
            for (String id : Args.<String>list(w.get("id"))) {
                int n = store.orderGenerator().numberOf(id);
                if (n > 0) {
                    numbers.add(n);
                }
            }
        }
        if (w.get("number") != null) {
            Set<Integer> byNumber = new HashSet<>(Args.<Integer>list(w.get("number")));
            if (numbers == null) {
                numbers = byNumber;
            } else {
                numbers.retainAll(byNumber);
            }
        }
        Set<OrderStatus> statuses = null;
        if (w.get("status") != null) {
            statuses = EnumSet.noneOf(OrderStatus.class);
            for (Object s : Args.<Object>list(w.get("status"))) {
                statuses.add(OrderStatus.valueOf(s.toString()));
            }
        }
        StoreType storeType = w.get("storeType") == null ? null : StoreType.valueOf(w.get("storeType").toString());
        long[] created = Args.dateRange(w.get("createdAt"));
        long[] orderDate = Args.dateRange(w.get("orderDate"));
        long[] updated = Args.dateRange(w.get("updatedAt"));
        return new OrderTable.Filter(numbers, statuses, storeType,
                Math.max(created[0], orderDate[0]), Math.min(created[1], orderDate[1]), updated[0], updated[1]);
    }
}
