package io.centrasync.centra;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} value. Centra only says it is "a timestamp", so every form a server
 * might send is accepted: delta-seconds ({@code 7}), an HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT},
 * also the obsolete RFC 850 and asctime forms), Unix epoch seconds or milliseconds, and ISO-8601.
 */
public final class RetryAfter {

    /**
     * A bare number at or above this is an epoch timestamp, not a delay: as seconds it is 1973, as a
     * delay more than three years.
     */
    static final long EPOCH_SECONDS_FROM = 100_000_000L;
    /** A bare number at or above this is epoch milliseconds: as seconds it would be the year 5138. */
    static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            // RFC 850: Wednesday, 21-Oct-26 07:28:00 GMT
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss z")
                    .toFormatter(Locale.ENGLISH),
            // asctime: Wed Oct 21 07:28:00 2026 (always GMT)
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEE MMM ppd HH:mm:ss uuuu")
                    .toFormatter(Locale.ENGLISH).withZone(ZoneOffset.UTC));

    private RetryAfter() {
    }

    /** The moment {@code value} points at, or empty when it is missing or not understood. */
    public static Optional<Instant> moment(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.matches("\\d+(\\.\\d+)?")) {
            return Optional.of(fromNumber(new BigDecimal(v), now));
        }
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return Optional.of(ZonedDateTime.parse(v, format).toInstant());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return iso(v);
    }

    private static Instant fromNumber(BigDecimal n, Instant now) {
        if (n.compareTo(BigDecimal.valueOf(EPOCH_MILLIS_FROM)) >= 0) {
            return Instant.ofEpochMilli(n.longValue());
        }
        long millis = n.movePointRight(3).longValue();
        return n.compareTo(BigDecimal.valueOf(EPOCH_SECONDS_FROM)) >= 0 ? Instant.ofEpochMilli(millis) : now.plusMillis(millis);
    }

    private static Optional<Instant> iso(String v) {
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException ignored) {
            // maybe without an offset
        }
        try {
            // a timestamp without an offset: UTC is the only reading that does not depend on where we run
            return Optional.of(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }
}
