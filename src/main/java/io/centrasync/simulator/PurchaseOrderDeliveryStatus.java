package io.centrasync.simulator;

/**
 * Supplier-delivery status: the only values any source shows. {@code INSERTED} (third-party code) is
 * waiting; {@code ACCEPTED} (inferred from Centra's accept mutation) is final: stock has been received.
 */
public enum PurchaseOrderDeliveryStatus { INSERTED, ACCEPTED }
