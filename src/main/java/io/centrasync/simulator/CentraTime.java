package io.centrasync.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant time zone and the date-input rules of the simulated store.
 * Output renders in {@link #ZONE}; input accepts {@code 2021-10-23 00:00:00} (read as merchant-local),
 * {@code 2021-10-23T00:00:00+00:00}, {@code ...Z}, {@code ...+0000} and a bare date {@code 2021-10-23}.
 */
public final class CentraTime {
    /** Merchant-local zone of the simulated store. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private static final Pattern OFFSET_NO_COLON = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private CentraTime() {
    }

    /** Renders an instant with a PHP date() format in the merchant zone. */
    public static String format(Instant instant, String phpFormat) {
        return PhpDateFormat.format(instant.atZone(ZONE), phpFormat);
    }

    /**
     * Parses a date input string.
     *
     * @throws IllegalArgumentException if the text is not a recognised date/time
     */
    public static Instant parse(String text) {
        String s = text.trim();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZONE).toInstant();
            }
            if (s.length() > 10 && s.charAt(10) == ' ') {
                s = s.substring(0, 10) + 'T' + s.substring(11);
            }
            s = s.replace(" ", "");
            if (s.endsWith("Z") || s.endsWith("z")) {
                return OffsetDateTime.parse(s.substring(0, s.length() - 1) + "+00:00").toInstant();
            }
            String timePart = s.length() > 11 ? s.substring(11) : "";
            if (timePart.contains("+") || timePart.contains("-")) {
                Matcher m = OFFSET_NO_COLON.matcher(s);
                if (m.find()) {
                    s = s.substring(0, m.start()) + m.group(1) + ":" + m.group(2);
                }
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).atZone(ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid date/time '" + text + "'", e);
        }
    }
}
