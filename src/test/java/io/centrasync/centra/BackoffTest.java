package io.centrasync.centra;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void doublesPerRetryBetweenHalfAndAllOfTheStep() {
        assertEquals(Duration.ofMillis(500), backoff.delay(1, 0.0));
        assertEquals(Duration.ofMillis(999), backoff.delay(1, 0.99999));
        assertEquals(Duration.ofMillis(1000), backoff.delay(2, 0.0));
        assertEquals(Duration.ofMillis(1500), backoff.delay(2, 0.5));
        assertEquals(Duration.ofMillis(4000), backoff.delay(4, 0.0));
        assertEquals(Duration.ofMillis(7999), backoff.delay(4, 0.99999));
    }

    @Test
    void neverAboveTheCapEvenAfterManyRetries() {
        assertEquals(Duration.ofMillis(15_000), backoff.delay(6, 0.0));
        assertEquals(Duration.ofMillis(29_999), backoff.delay(6, 0.99999));
        assertEquals(Duration.ofMillis(29_999), backoff.delay(1_000, 0.99999));
    }

    @Test
    void rejectsACapBelowTheBase() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
