package io.centrasync.simulator;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The order a {@code StockSort} list asks for. Keys compare in the order given; ties fall back to
 * Centra's default (product, variant, size sort) and then the warehouse, so the order is total and
 * offset paging stable. Where the list asks for the order {@link StockTable} keeps anyway, there is no
 * comparator and the table pages without sorting.
 */
final class StockOrder {
    /** Slot order of one warehouse's rows: size ids follow product, variant and size sort. */
    static final List<String> BY_PRODUCT = List.of("productId_ASC", "productVariantId_ASC", "productSizeSort_ASC");
    /** Slot order of one size's rows. */
    static final List<String> BY_WAREHOUSE = List.of("warehouseId_ASC");

    private StockOrder() {
    }

    /** Null when {@code sort} is (a prefix of) {@code slotOrder}, else a comparator for it. */
    static Comparator<SimStock> of(List<String> sort, List<String> slotOrder, ProductCatalog catalog) {
        if (sort == null || (sort.size() <= slotOrder.size() && slotOrder.subList(0, sort.size()).equals(sort))) {
            return null;
        }
        Comparator<SimStock> order = (a, b) -> 0;
        for (String value : sort) {
            int at = value.lastIndexOf('_');
            Comparator<SimStock> key = Comparator.comparingInt(key(value.substring(0, at), catalog));
            order = order.thenComparing(value.endsWith("_DESC") ? key.reversed() : key);
        }
        return order.thenComparingInt(SimStock::productSizeId).thenComparingInt(SimStock::warehouseId);
    }

    private static ToIntFunction<SimStock> key(String field, ProductCatalog catalog) {
        return switch (field) {
            case "productId" -> s -> catalog.size(s.productSizeId()).productId();
            case "productVariantId" -> s -> catalog.size(s.productSizeId()).variantId();
            case "productSizeSort" -> s -> catalog.size(s.productSizeId()).sizeSort();
            case "warehouseId" -> SimStock::warehouseId;
            default -> throw new IllegalArgumentException("StockSort value not simulated: " + field);
        };
    }
}
