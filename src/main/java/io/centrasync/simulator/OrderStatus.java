package io.centrasync.simulator;

/** Centra's {@code OrderStatus} (AMS "Completed" is {@code SHIPPED}). */
public enum OrderStatus { PENDING, CONFIRMED, PROCESSING, SHIPPED, ARCHIVED, CANCELLED }
