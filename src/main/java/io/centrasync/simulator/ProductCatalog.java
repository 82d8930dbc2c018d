package io.centrasync.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Static master data shared by orders, stock and purchase orders: product sizes (grouped into
 * products with one variant each), warehouses and suppliers. Size ids are 1-based and in product
 * order, then size-chart order, so sorting by size id equals Centra's default stock sort
 * {@code [productId_ASC, productVariantId_ASC, productSizeSort_ASC]}.
 */
final class ProductCatalog {
    private final List<SimProductSize> sizes;
    private final List<SimWarehouse> warehouses;
    private final List<SimSupplier> suppliers;

    ProductCatalog(long seed, int productSizes, int warehouseCount) {
        this.sizes = generateSizes(seed, Math.max(1, productSizes));
        List<SimWarehouse> wh = new ArrayList<>();
        for (int i = 0; i < warehouseCount; i++) {
            String status = warehouseCount >= 5 && i == warehouseCount - 1 ? "INACTIVE" : "ACTIVE";
            wh.add(new SimWarehouse(i + 1, TextPools.WAREHOUSES[i % TextPools.WAREHOUSES.length], status));
        }
        this.warehouses = List.copyOf(wh);
        List<SimSupplier> sup = new ArrayList<>();
        for (int i = 0; i < TextPools.SUPPLIERS.length; i++) {
            sup.add(new SimSupplier(i + 1, TextPools.SUPPLIERS[i]));
        }
        this.suppliers = List.copyOf(sup);
    }

    private static List<SimProductSize> generateSizes(long seed, int count) {
        List<SimProductSize> out = new ArrayList<>(count);
        int productId = 0;
        while (out.size() < count) {
            productId++;
            SplittableRandom r = Seeds.rng(seed, productId, 101);
            String[] chart = TextPools.SIZE_CHARTS[r.nextInt(TextPools.SIZE_CHARTS.length)];
            String[] colour = TextPools.COLOURS[r.nextInt(TextPools.COLOURS.length)];
            String productNumber = TextPools.pick(r, TextPools.SEASONS) + "-" + String.format("%04d", productId);
            String name = TextPools.pick(r, TextPools.PRODUCT_ADJECTIVES) + " " + TextPools.pick(r, TextPools.PRODUCT_NOUNS)
                    + " " + colour[1];
            BigDecimal price = new BigDecimal(TextPools.pick(r, TextPools.PRICES_SEK));
            for (int position = 1; position <= chart.length; position++) {
                if (out.size() >= count) {
                    break;
                }
                String size = chart[position - 1];
                int id = out.size() + 1;
                String sizeNumber = size.equals("ONE SIZE") ? "OS" : size.replace("/", "");
                String sku = productNumber + colour[0] + sizeNumber;
                boolean noEan = Seeds.unit(Seeds.hash(seed, id, 102)) < 0.04;
                out.add(new SimProductSize(id, productId, productId, position, productNumber, name, sku,
                        noEan ? null : ean(id), sizeNumber, size, price));
            }
        }
        return List.copyOf(out);
    }

    /** GS1 EAN-13 with a Swedish (735) prefix and a valid check digit. */
    static String ean(int id) {
        String base = "735" + String.format("%09d", id);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = base.charAt(i) - '0';
            sum += (i % 2 == 0) ? d : 3 * d;
        }
        return base + ((10 - sum % 10) % 10);
    }

    List<SimProductSize> sizes() {
        return sizes;
    }

    SimProductSize size(int id) {
        return id >= 1 && id <= sizes.size() ? sizes.get(id - 1) : null;
    }

    List<SimWarehouse> warehouses() {
        return warehouses;
    }

    SimWarehouse warehouse(int id) {
        return id >= 1 && id <= warehouses.size() ? warehouses.get(id - 1) : null;
    }

    List<SimSupplier> suppliers() {
        return suppliers;
    }

    SimSupplier supplier(int id) {
        return suppliers.get(id - 1);
    }
}
