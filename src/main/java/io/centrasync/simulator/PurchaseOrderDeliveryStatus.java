package io.centrasync.simulator;

/** Supplier-delivery status; {@code ACCEPTED} is final (stock has been received). */
public enum PurchaseOrderDeliveryStatus { DRAFT, INSERTED, ACCEPTED }
