package io.centrasync.simulator;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Formats a date the way PHP's {@code date()} does, because Centra's {@code format:} argument on
 * date fields takes PHP format letters (default {@code Y-m-d\TH:i:sP}).
 * Letters not listed here are copied literally, as PHP does for non-format characters;
 * a backslash makes the next character literal.
 */
public final class PhpDateFormat {
    /** Centra's default for order dates, e.g. {@code 2022-11-09T13:15:11+01:00}. */
    public static final String ORDER_DEFAULT = "Y-m-d\\TH:i:sP";
    /** Centra's default for purchase-order dates, e.g. {@code 2022-11-09T13:15:11+0100}. */
    public static final String PURCHASE_ORDER_DEFAULT = "Y-m-d\\TH:i:sO";

    private static final java.time.format.DateTimeFormatter ZONE_ABBREVIATION =
            java.time.format.DateTimeFormatter.ofPattern("z", Locale.ENGLISH);

    private PhpDateFormat() {
    }

    public static String format(ZonedDateTime t, String format) {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < format.length()) {
                        sb.append(format.charAt(++i));
                    }
                }
                case 'd' -> pad2(sb, t.getDayOfMonth());
                case 'D' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'j' -> sb.append(t.getDayOfMonth());
                case 'l' -> sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'N' -> sb.append(t.getDayOfWeek().getValue());
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'z' -> sb.append(t.getDayOfYear() - 1);
                case 'W' -> pad2(sb, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case 'F' -> sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'M' -> sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'm' -> pad2(sb, t.getMonthValue());
                case 'n' -> sb.append(t.getMonthValue());
                case 't' -> sb.append(t.toLocalDate().lengthOfMonth());
                case 'L' -> sb.append(t.toLocalDate().isLeapYear() ? 1 : 0);
                case 'o' -> sb.append(t.get(IsoFields.WEEK_BASED_YEAR));
                case 'Y' -> sb.append(t.getYear());
                case 'y' -> pad2(sb, t.getYear() % 100);
                case 'a' -> sb.append(t.getHour() < 12 ? "am" : "pm");
                case 'A' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
                case 'g' -> sb.append(hour12(t));
                case 'G' -> sb.append(t.getHour());
                case 'h' -> pad2(sb, hour12(t));
                case 'H' -> pad2(sb, t.getHour());
                case 'i' -> pad2(sb, t.getMinute());
                case 's' -> pad2(sb, t.getSecond());
                case 'u' -> sb.append(String.format("%06d", t.get(ChronoField.MICRO_OF_SECOND)));
                case 'v' -> sb.append(String.format("%03d", t.get(ChronoField.MILLI_OF_SECOND)));
                case 'e' -> sb.append(t.getZone().getId());
                case 'I' -> sb.append(t.getZone().getRules().isDaylightSavings(t.toInstant()) ? 1 : 0);
                case 'O' -> offset(sb, t, false);
                case 'P' -> offset(sb, t, true);
                case 'p' -> {
                    if (t.getOffset().getTotalSeconds() == 0) {
                        sb.append('Z');
                    } else {
                        offset(sb, t, true);
                    }
                }
                case 'T' -> sb.append(ZONE_ABBREVIATION.format(t));
                case 'Z' -> sb.append(t.getOffset().getTotalSeconds());
                case 'c' -> sb.append(format(t, "Y-m-d\\TH:i:sP"));
                case 'r' -> sb.append(format(t, "D, d M Y H:i:s O"));
                case 'U' -> sb.append(t.toEpochSecond());
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static void pad2(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    private static void offset(StringBuilder sb, ZonedDateTime t, boolean colon) {
        int total = t.getOffset().getTotalSeconds();
        sb.append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        pad2(sb, total / 3600);
        if (colon) {
            sb.append(':');
        }
        pad2(sb, (total / 60) % 60);
    }
}
