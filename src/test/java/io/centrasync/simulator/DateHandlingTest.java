package io.centrasync.simulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DateHandlingTest {
    @Test
    void phpFormatsInStockholmWithDstOffsets() {
        Instant winter = Instant.parse("2022-11-09T12:15:11Z");
        Instant summer = Instant.parse("2022-07-09T12:15:11Z");
        assertEquals("2022-11-09T13:15:11+01:00", CentraTime.format(winter, PhpDateFormat.ORDER_DEFAULT));
        assertEquals("2022-07-09T14:15:11+02:00", CentraTime.format(summer, PhpDateFormat.ORDER_DEFAULT));
        assertEquals("2022-11-09T13:15:11+0100", CentraTime.format(winter, PhpDateFormat.PURCHASE_ORDER_DEFAULT));
        assertEquals("09.11.22 1:15 pm CET", CentraTime.format(winter, "d.m.y g:i a T"));
        assertEquals("Wed, 09 Nov 2022 13:15:11 +0100", CentraTime.format(winter, "r"));
        assertEquals("1667996111", CentraTime.format(winter, "U"));
        assertEquals("Y", CentraTime.format(winter, "\\Y"));
    }

    @Test
    void dstSwitchDay() {
        // 2024-03-31 02:00 CET → 03:00 CEST
        assertEquals("2024-03-31T01:59:59+01:00", CentraTime.format(Instant.parse("2024-03-31T00:59:59Z"), PhpDateFormat.ORDER_DEFAULT));
        assertEquals("2024-03-31T03:00:00+02:00", CentraTime.format(Instant.parse("2024-03-31T01:00:00Z"), PhpDateFormat.ORDER_DEFAULT));
    }

    @Test
    void parsesCentraInputForms() {
        Instant expected = Instant.parse("2021-10-22T22:00:00Z");       // 2021-10-23 00:00 CEST
        assertEquals(expected, CentraTime.parse("2021-10-23 00:00:00"));
        assertEquals(expected, CentraTime.parse("2021-10-23T00:00:00"));
        assertEquals(expected, CentraTime.parse("2021-10-23"));
        assertEquals(expected, CentraTime.parse("2021-10-22T22:00:00Z"));
        assertEquals(expected, CentraTime.parse("2021-10-22T22:00:00+00:00"));
        assertEquals(expected, CentraTime.parse("2021-10-22T22:00:00+0000"));
        assertEquals(expected, CentraTime.parse("2021-10-23T00:00:00+02:00"));
        assertEquals(expected, CentraTime.parse("2021-10-22T17:00:00-05:00"));
        assertEquals(expected, CentraTime.parse("2021-10-23 00:00:00+0200"));
        assertThrows(IllegalArgumentException.class, () -> CentraTime.parse("yesterday"));
    }

    @Test
    void orderIdsRoundTrip() {
        OrderGenerator g = new OrderGenerator(42, 10, new ProductCatalog(42, 10, 2));
        for (int n : new int[]{1, 2, 99, 1_000_000, Integer.MAX_VALUE}) {
            String id = g.orderId(n);
            assertEquals(32, id.length());
            assertEquals(n, g.numberOf(id));
        }
        assertEquals(-1, g.numberOf("0123456789abcdef0123456789abcdef"));
        assertEquals(-1, g.numberOf("nope"));
    }
}
