package io.centrasync.simulator;

/** Supplier-order status. Centra's real value set is unknown; this is the simulator's. */
public enum PurchaseOrderStatus { DRAFT, CONFIRMED, PARTIALLY_DELIVERED, DELIVERED, CANCELLED }
