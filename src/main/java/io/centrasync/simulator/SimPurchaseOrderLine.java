package io.centrasync.simulator;

import java.math.BigDecimal;

/** A purchase-order line (Centra's has no id). {@code unitCost} is in the PO's currency. */
public record SimPurchaseOrderLine(int productSizeId, int quantity, int linkedQuantity, BigDecimal unitCost) {
    public int unlinkedQuantity() {
        return quantity - linkedQuantity;
    }
}
