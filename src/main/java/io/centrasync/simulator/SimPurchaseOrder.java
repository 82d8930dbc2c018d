package io.centrasync.simulator;

import java.time.Instant;
import java.util.List;

/** A supplier (purchase) order as rendered over GraphQL. {@code eta}, {@code ourReference}, {@code preferredWarehouseId} may be null. */
public record SimPurchaseOrder(int id, PurchaseOrderStatus status, Instant createdAt, Instant updatedAt, Instant eta,
                               String ourReference, SimCurrency currency, int supplierId, Integer preferredWarehouseId,
                               List<SimPurchaseOrderLine> lines) {
    SimPurchaseOrder with(PurchaseOrderStatus s, Instant updated, String ref, List<SimPurchaseOrderLine> l) {
        return new SimPurchaseOrder(id, s, createdAt, updated, eta, ref, currency, supplierId, preferredWarehouseId, l);
    }
}
