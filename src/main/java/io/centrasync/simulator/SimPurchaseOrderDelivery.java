package io.centrasync.simulator;

import java.time.Instant;
import java.util.List;

/** A supplier delivery made against a purchase order. It has no updatedAt (as in Centra). */
public record SimPurchaseOrderDelivery(int id, String number, PurchaseOrderDeliveryStatus status, Instant createdAt,
                                       Instant eta, int purchaseOrderId, int supplierId, Integer warehouseId,
                                       SimCurrency currency, List<SimPurchaseOrderDeliveryLine> lines) {
    SimPurchaseOrderDelivery withStatus(PurchaseOrderDeliveryStatus s) {
        return new SimPurchaseOrderDelivery(id, number, s, createdAt, eta, purchaseOrderId, supplierId, warehouseId, currency, lines);
    }
}
