package io.centrasync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An order line as the simulator serves it. Prices are incl. tax and rounded to the currency's
 * decimals; ex-tax variants are derived by {@link #exTax(BigDecimal)}. {@code quantity} excludes
 * cancelled units; a line with {@code quantity == 0} is fully cancelled.
 *
 * @param typename {@code ProductOrderLine}, {@code GiftCertificateOrderLine} or {@code BundleOrderLine}
 */
public record SimLine(int id, String typename, String productNumber, String productName, String size,
                      int quantity, int cancelledQuantity, int returnedQuantity,
                      BigDecimal unitPrice, BigDecimal unitOriginalPrice, BigDecimal lineValue,
                      double taxPercent, double discountPercent, SimCurrency currency, SimProductSize productSize) {

    public boolean fullyCancelled() {
        return quantity == 0;
    }

    /** Full SKU of the product size, or null (gift certificates, bundles). */
    public String sku() {
        return productSize == null ? null : productSize.sku();
    }

    /** EAN of the product size, or null. */
    public String ean() {
        return productSize == null ? null : productSize.ean();
    }

    public BigDecimal unitPrice(boolean includingTax) {
        return includingTax ? unitPrice : exTax(unitPrice);
    }

    public BigDecimal unitOriginalPrice(boolean includingTax) {
        return includingTax ? unitOriginalPrice : exTax(unitOriginalPrice);
    }

    public BigDecimal lineValue(boolean includingTax) {
        return includingTax ? lineValue : exTax(lineValue);
    }

    /** Tax contained in {@link #lineValue()}. */
    public BigDecimal taxIncluded() {
        return lineValue.subtract(exTax(lineValue));
    }

    /** Removes this line's tax from an incl.-tax amount, rounded to the currency. */
    public BigDecimal exTax(BigDecimal inclTax) {
        if (taxPercent == 0) {
            return inclTax;
        }
        return inclTax.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(100 + taxPercent), currency.decimals(), RoundingMode.HALF_UP);
    }
}
