package io.centrasync.centra;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageRequestsTest {

    @Test
    void sinceIsSentAsAnExplicitUtcOffsetRoundedDownToTheSecond() {
        assertEquals("2024-03-31T01:30:59+00:00", PageRequests.formatSince(Instant.parse("2024-03-31T01:30:59.999Z")));
        assertEquals("1970-01-01T00:00:00+00:00", PageRequests.formatSince(null));
    }
}
