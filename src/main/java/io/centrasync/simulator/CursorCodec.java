package io.centrasync.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque keyset cursors in Centra's style: base64 of the sort key and a tie-breaker, e.g.
 * {@code base64("number:166")}, {@code base64("orderDate:2025-06-25 17:50:30+02:00;number:166")}.
 * Times carry their offset so the autumn DST hour stays unambiguous.
 */
final class CursorCodec {
    private CursorCodec() {
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decoded text, or throws {@link UserError} for garbage. */
    static String decode(String cursor) {
        try {
            return new String(Base64.getDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UserError("Invalid cursor: " + cursor);
        }
    }

    static String time(long epochSecond) {
        return CentraTime.format(Instant.ofEpochSecond(epochSecond), "Y-m-d H:i:sP");
    }

    static long parseTime(String text) {
        try {
            return CentraTime.parse(text).getEpochSecond();
        } catch (IllegalArgumentException e) {
            throw new UserError("Invalid cursor");
        }
    }

    /** Keyset cursor for a record sorted by a time field with an integer id as tie-breaker. */
    static String timeCursor(String field, long epochSecond, String tieName, long tie) {
        return encode(field + ":" + time(epochSecond) + ";" + tieName + ":" + tie);
    }

    /**
     * Parses {@code field:value[;tie:value]} and checks the field names.
     *
     * @return {value, tieValue-or-null}
     */
    static String[] parts(String cursor, String field, String tieName) {
        String text = decode(cursor);
        String[] out = new String[2];
        String[] segs = text.split(";", 2);
        if (!segs[0].startsWith(field + ":")) {
            throw new UserError("Cursor does not match the sort order (" + field + ")");
        }
        out[0] = segs[0].substring(field.length() + 1);
        if (tieName != null) {
            if (segs.length < 2 || !segs[1].startsWith(tieName + ":")) {
                throw new UserError("Invalid cursor");
            }
            out[1] = segs[1].substring(tieName.length() + 1);
        }
        return out;
    }

    static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new UserError("Invalid cursor");
        }
    }
}
