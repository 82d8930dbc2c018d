package io.centrasync.simulator;

import java.math.BigDecimal;

/** A supplier-delivery line; {@code landedCost} is per unit, in the delivery's currency. */
public record SimPurchaseOrderDeliveryLine(int productSizeId, int quantity, BigDecimal landedCost) {
}
