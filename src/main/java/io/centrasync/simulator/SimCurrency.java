package io.centrasync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Currencies of the simulated store. The base currency is SEK; {@link #baseRate()} is the
 * number of SEK per unit (Centra's {@code currencyBaseRate} / {@code conversionRate}).
 */
public enum SimCurrency {
    SEK(1, "Swedish krona", 2, 1.0),
    EUR(2, "Euro", 2, 11.25),
    USD(3, "US Dollar", 2, 10.4),
    GBP(4, "Pound sterling", 2, 13.1),
    DKK(5, "Danish krone", 2, 1.508),
    NOK(6, "Norwegian krone", 2, 0.975),
    JPY(7, "Japanese yen", 0, 0.0702);

    private final int id;
    private final String displayName;
    private final int decimals;
    private final double baseRate;

    SimCurrency(int id, String displayName, int decimals, double baseRate) {
        this.id = id;
        this.displayName = displayName;
        this.decimals = decimals;
        this.baseRate = baseRate;
    }

    public int id() {
        return id;
    }

    public String code() {
        return name();
    }

    public String displayName() {
        return displayName;
    }

    /** Number of decimals of the currency's sub-unit (JPY has none). */
    public int decimals() {
        return decimals;
    }

    /** SEK per one unit of this currency. */
    public double baseRate() {
        return baseRate;
    }

    /** Rounds a value to this currency's decimals. */
    public BigDecimal round(BigDecimal v) {
        return v.setScale(decimals, RoundingMode.HALF_UP);
    }

    /** Value in sub-units (cents, öre; JPY: yen). */
    public long valueInCents(BigDecimal v) {
        return v.movePointRight(decimals).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** A human-readable amount such as {@code 1 234.50 SEK} or {@code €1,234.50}. */
    public String formatted(BigDecimal v) {
        String pattern = decimals == 0 ? "#,##0" : "#,##0.00";
        switch (this) {
            case EUR, USD, GBP, JPY -> {
                DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
                String sym = switch (this) {
                    case EUR -> "€";
                    case USD -> "$";
                    case GBP -> "£";
                    default -> "¥";
                };
                String s = f.format(v.abs());
                return (v.signum() < 0 ? "-" : "") + sym + s;
            }
            default -> {
                DecimalFormatSymbols sym = DecimalFormatSymbols.getInstance(Locale.US);
                sym.setGroupingSeparator(' ');
                return new DecimalFormat(pattern, sym).format(v) + " " + name();
            }
        }
    }

    public static SimCurrency byCode(String code) {
        return valueOf(code);
    }
}
