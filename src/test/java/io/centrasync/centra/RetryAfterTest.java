package io.centrasync.centra;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

    private static Instant at(String value) {
        return RetryAfter.moment(value, NOW).orElseThrow(() -> new AssertionError("not understood: " + value));
    }

    @Test
    void deltaSeconds() {
        assertEquals(NOW.plusSeconds(7), at("7"));
        assertEquals(NOW.plusSeconds(7), at(" 7 "));
        assertEquals(NOW, at("0"));
        assertEquals(NOW.plusMillis(1500), at("1.5"));
        // three years is still read as a delay (and capped by the caller)
        assertEquals(NOW.plusSeconds(99_999_999), at("99999999"));
    }

    @Test
    void httpDateInAllThreeFormsHttpAllows() {
        Instant expected = Instant.parse("2026-10-21T07:28:30Z");
        assertEquals(expected, at("Wed, 21 Oct 2026 07:28:30 GMT"));
        assertEquals(expected, at("Wednesday, 21-Oct-26 07:28:30 GMT"));
        assertEquals(expected, at("Wed Oct 21 07:28:30 2026"));
        assertEquals(Instant.parse("2026-10-01T07:28:30Z"), at("Thu, 1 Oct 2026 07:28:30 GMT"));
    }

    @Test
    void epochSecondsAndMilliseconds() {
        assertEquals(Instant.ofEpochSecond(1_792_567_710L), at("1792567710"));
        assertEquals(Instant.ofEpochMilli(1_792_567_710_250L), at("1792567710250"));
        // an epoch value in the past is still a moment, not a delay of decades
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), at("1700000000"));
    }

    @Test
    void iso8601() {
        assertEquals(Instant.parse("2026-10-21T07:28:30Z"), at("2026-10-21T07:28:30Z"));
        assertEquals(Instant.parse("2026-10-21T07:28:30Z"), at("2026-10-21T09:28:30+02:00"));
        assertEquals(Instant.parse("2026-10-21T07:28:30.250Z"), at("2026-10-21T07:28:30.250"));
    }

    @Test
    void anythingElseIsNotUnderstood() {
        for (String v : new String[]{null, "", "  ", "soon", "-5", "7s", "Wed, 32 Oct 2026 07:28:30 GMT"}) {
            assertEquals(Optional.empty(), RetryAfter.moment(v, NOW), String.valueOf(v));
        }
    }
}
