package io.centrasync.simulator;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.centrasync.simulator.CommonWiring.src;

/** Query fields and types for inventory: {@code warehouses}, {@code productSizes}, {@code suppliers}, {@code Stock}. */
final class InventoryWiring {
    private final ProductCatalog catalog;
    private final StockTable stock;

    InventoryWiring(SimStore store) {
        this.catalog = store.catalog();
        this.stock = store.stockTable();
    }

    void wire(RuntimeWiring.Builder b) {
        b.type("Query", t -> t
                .dataFetcher("warehouses", this::warehouses)
                .dataFetcher("productSizes", this::productSizes)
                .dataFetcher("suppliers", env -> page(catalog.suppliers().stream(), env)));
        b.type("Warehouse", t -> t.dataFetcher("stock", env -> {
            SimWarehouse w = env.getSource();
            return stockPage(env, w.id(), 0, StockOrder.of(env.getArgument("sort"), StockOrder.BY_PRODUCT, catalog));
        }));
        b.type("ProductSize", t -> t.dataFetcher("stock", env -> {
            SimProductSize s = env.getSource();
            return stockPage(env, 0, s.id(), StockOrder.of(env.getArgument("sort"), StockOrder.BY_WAREHOUSE, catalog));
        }));
        b.type("Stock", t -> t
                .dataFetcher("freeToAllocateQuantity", src(SimStock::freeToAllocateQuantity))
                .dataFetcher("availableNowQuantity", src(SimStock::availableNowQuantity))
                .dataFetcher("availableQuantity", src(SimStock::availableQuantity))
                .dataFetcher("incomingQuantity", src(SimStock::incomingQuantity))
                .dataFetcher("unshippedQuantity", src(SimStock::unshippedQuantity))
                .dataFetcher("productSize", src((SimStock s) -> catalog.size(s.productSizeId())))
                .dataFetcher("warehouse", src((SimStock s) -> catalog.warehouse(s.warehouseId()))));
    }

    private Object warehouses(DataFetchingEnvironment env) {
        Map<String, Object> w = Args.map(env.getArgument("where"));
        Stream<SimWarehouse> s = catalog.warehouses().stream();
        if (w.get("id") != null) {
            Set<Integer> ids = new HashSet<>(Args.list(w.get("id")));
            s = s.filter(x -> ids.contains(x.id()));
        }
        Comparator<SimWarehouse> cmp = switch (Args.sort(env, "id_ASC")) {
            case "id_DESC" -> Comparator.comparingInt(SimWarehouse::id).reversed();
            case "name_ASC" -> Comparator.comparing(SimWarehouse::name);
            case "name_DESC" -> Comparator.comparing(SimWarehouse::name).reversed();
            default -> Comparator.comparingInt(SimWarehouse::id);
        };
        return page(s.sorted(cmp), env);
    }

    private Object productSizes(DataFetchingEnvironment env) {
        Map<String, Object> w = Args.map(env.getArgument("where"));
        Stream<SimProductSize> s = catalog.sizes().stream();
        if (w.get("id") != null) {
            Set<Integer> ids = new HashSet<>(Args.list(w.get("id")));
            s = s.filter(x -> ids.contains(x.id()));
        }
        if (w.get("SKU") != null) {
            Set<String> skus = new HashSet<>(Args.list(w.get("SKU")));
            s = s.filter(x -> skus.contains(x.sku()));
        }
        if (w.get("EAN") != null) {
            Set<String> eans = new HashSet<>(Args.list(w.get("EAN")));
            s = s.filter(x -> x.ean() != null && eans.contains(x.ean()));
        }
        if ("id_DESC".equals(Args.sort(env, "id_ASC"))) {
            s = s.sorted(Comparator.comparingInt(SimProductSize::id).reversed());
        }
        return page(s, env);
    }

    private static <T> List<T> page(Stream<T> s, DataFetchingEnvironment env) {
        int limit = Args.limit(env.getArgument("limit"), "limit", 20);
        int page = Args.page(env.getArgument("page"));
        return s.skip((long) (page - 1) * limit).limit(limit).toList();
    }

    private List<SimStock> stockPage(DataFetchingEnvironment env, int warehouseId, int sizeId, Comparator<SimStock> order) {
        int limit = Args.limit(env.getArgument("limit"), "limit", 20);
        int page = Args.page(env.getArgument("page"));
        long offset = (long) (page - 1) * limit;
        if (offset > Integer.MAX_VALUE) {
            return List.of();
        }
        return stock.page(warehouseId, sizeId, order, filter(env.getArgument("where")), (int) offset, limit);
    }

    private static Predicate<SimStock> filter(Object where) {
        Map<String, Object> w = Args.map(where);
        Predicate<SimStock> p = s -> true;
        if (w.get("productSizeId") != null) {
            Set<Integer> ids = new HashSet<>(Args.list(w.get("productSizeId")));
            p = p.and(s -> ids.contains(s.productSizeId()));
        }
        if (w.get("warehouseId") != null) {
            Set<Integer> ids = new HashSet<>(Args.list(w.get("warehouseId")));
            p = p.and(s -> ids.contains(s.warehouseId()));
        }
        if (w.get("physicalQuantity") != null) {
            int[] r = intRange(w.get("physicalQuantity"));
            p = p.and(s -> s.physicalQuantity() >= r[0] && s.physicalQuantity() <= r[1]);
        }
        if (w.get("freeToAllocateQuantity") != null) {
            int[] r = intRange(w.get("freeToAllocateQuantity"));
            p = p.and(s -> s.freeToAllocateQuantity() >= r[0] && s.freeToAllocateQuantity() <= r[1]);
        }
        return p;
    }

    private static int[] intRange(Object o) {
        Map<String, Object> m = Args.map(o);
        return new int[]{m.get("from") == null ? Integer.MIN_VALUE : (Integer) m.get("from"),
            m.get("to") == null ? Integer.MAX_VALUE : (Integer) m.get("to")};
    }
}
