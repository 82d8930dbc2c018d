package io.centrasync.simulator;

/** Centra's {@code StoreType}. */
public enum StoreType { DIRECT_TO_CONSUMER, WHOLESALE }
