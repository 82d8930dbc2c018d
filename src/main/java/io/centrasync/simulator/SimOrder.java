package io.centrasync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * An order exactly as the simulator renders it over GraphQL, in plain Java types, for test
 * assertions (e.g. comparing a synced database with the source).
 * {@code customer} is set for DTC orders; {@code purchaseOrderNumber}, {@code account} and
 * {@code buyer} for wholesale orders. {@code allLines} includes fully cancelled lines.
 * {@code shipping} is incl. tax at {@code shippingTaxPercent}.
 */
public record SimOrder(String id, int number, int version, StoreType storeType, int storeId, String storeName,
                       OrderStatus status, Instant createdAt, Instant updatedAt, Instant orderDate,
                       SimCurrency currency, int marketId, String marketName, String countryCode, String countryName,
                       String otherComment, String internalComment,
                       SimCustomer customer, String purchaseOrderNumber, SimAccount account, SimBuyer buyer,
                       BigDecimal shipping, double shippingTaxPercent,
                       List<SimLine> allLines, List<SimAttribute> attributes) {

    /** Currency code, e.g. {@code SEK}. */
    public String currencyCode() {
        return currency.code();
    }

    /** SEK per unit of the order currency. */
    public double currencyBaseRate() {
        return currency.baseRate();
    }

    /** Lines as returned by {@code lines(includeFullyCancelled: ...)}. */
    public List<SimLine> lines(boolean includeFullyCancelled) {
        return includeFullyCancelled ? allLines : allLines.stream().filter(l -> !l.fullyCancelled()).toList();
    }

    /** Lines as returned by {@code lines} (fully cancelled lines hidden). */
    public List<SimLine> lines() {
        return lines(false);
    }

    public int totalQuantity() {
        return allLines.stream().mapToInt(SimLine::quantity).sum();
    }

    public int totalCancelledQuantity() {
        return allLines.stream().mapToInt(SimLine::cancelledQuantity).sum();
    }

    /** Sum of line values incl. tax. */
    public BigDecimal lineValues() {
        return allLines.stream().map(SimLine::lineValue).reduce(currency.round(BigDecimal.ZERO), BigDecimal::add);
    }

    /** Shipping cost excl. tax. */
    public BigDecimal shippingExTax() {
        if (shippingTaxPercent == 0) {
            return shipping;
        }
        return shipping.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(100 + shippingTaxPercent), currency.decimals(), RoundingMode.HALF_UP);
    }

    /** Total tax included in the grand total (lines + shipping). */
    public BigDecimal taxIncluded() {
        BigDecimal t = shipping.subtract(shippingExTax());
        for (SimLine l : allLines) {
            t = t.add(l.taxIncluded());
        }
        return t;
    }

    /** Grand total incl. tax: line values + shipping. */
    public BigDecimal grandTotal() {
        return lineValues().add(shipping);
    }

    public BigDecimal grandTotal(boolean includingTax) {
        return includingTax ? grandTotal() : grandTotal().subtract(taxIncluded());
    }

    /** GraphQL type name. */
    public String typename() {
        return storeType == StoreType.DIRECT_TO_CONSUMER ? "DirectToConsumerOrder" : "WholesaleOrder";
    }
}
