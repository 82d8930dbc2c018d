package io.centrasync.simulator;

import java.math.BigDecimal;

/** A value rendered as Centra's {@code MonetaryValue}. */
record Money(BigDecimal value, SimCurrency currency) {
}
