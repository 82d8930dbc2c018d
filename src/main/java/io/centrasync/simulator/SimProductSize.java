package io.centrasync.simulator;

import java.math.BigDecimal;

/**
 * A product size (the stock-keeping unit). {@code sku} is the full SKU (product + variant + size SKU);
 * {@code ean} may be null. {@code basePriceSek} is the catalogue price incl. tax in SEK. {@code sizeSort}
 * is the size's 1-based position in its size chart (Centra's {@code productSizeSort}).
 */
public record SimProductSize(int id, int productId, int variantId, int sizeSort, String productNumber, String productName,
                             String sku, String ean, String sizeNumber, String description, BigDecimal basePriceSek) {
}
