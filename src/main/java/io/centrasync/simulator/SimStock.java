package io.centrasync.simulator;

/**
 * One stock row (warehouse × product size). Stored quantities are the components; the others are
 * derived the way Centra defines them: FTA = physical − allocated, available now = FTA − demand,
 * available = FTA − demand + unlinked incoming, incoming = linked + unlinked, unshipped = allocated + demand.
 */
public record SimStock(int warehouseId, int productSizeId, int physicalQuantity, int allocatedQuantity,
                       int demandQuantity, int linkedIncomingQuantity, int unlinkedIncomingQuantity,
                       int onDeliveryQuantity) {

    public int freeToAllocateQuantity() {
        return physicalQuantity - allocatedQuantity;
    }

    public int availableNowQuantity() {
        return freeToAllocateQuantity() - demandQuantity;
    }

    public int availableQuantity() {
        return freeToAllocateQuantity() - demandQuantity + unlinkedIncomingQuantity;
    }

    public int incomingQuantity() {
        return linkedIncomingQuantity + unlinkedIncomingQuantity;
    }

    public int unshippedQuantity() {
        return allocatedQuantity + demandQuantity;
    }
}
