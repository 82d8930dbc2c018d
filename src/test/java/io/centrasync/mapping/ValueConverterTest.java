package io.centrasync.mapping;

import com.fasterxml.jackson.databind.node.DoubleNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueConverterTest {
    private final ValueConverter utc = new ValueConverter(ZoneOffset.UTC);
    private final ValueConverter stockholm = new ValueConverter(ZoneId.of("Europe/Stockholm"));

    private Object convert(ValueConverter c, String json, ColumnType type) throws Exception {
        return c.convert(Fixtures.json(json), type);
    }

    private static OffsetDateTime utc(String iso) {
        return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC);
    }

    @Test
    void timestampsWithOffsetsBecomeUtc() throws Exception {
        assertEquals(utc("2022-11-09T12:15:11Z"), convert(utc, "\"2022-11-09T13:15:11+01:00\"", ColumnType.TIMESTAMP));
        assertEquals(utc("2022-11-09T12:15:11Z"), convert(utc, "\"2022-11-09T13:15:11+0100\"", ColumnType.TIMESTAMP));
        assertEquals(utc("2022-11-09T12:15:11Z"), convert(utc, "\"2022-11-09T12:15:11Z\"", ColumnType.TIMESTAMP));
        assertEquals(utc("2022-11-09T18:15:11Z"), convert(utc, "\"2022-11-09T13:15:11-05:00\"", ColumnType.TIMESTAMP));
        assertEquals(utc("2022-11-09T12:15:11.123456Z"),
                convert(utc, "\"2022-11-09T13:15:11.123456+01:00\"", ColumnType.TIMESTAMP));
        OffsetDateTime t = (OffsetDateTime) convert(utc, "\"2022-11-09T13:15:11+01:00\"", ColumnType.TIMESTAMP);
        assertEquals(ZoneOffset.UTC, t.getOffset());
    }

    @Test
    void dstChangeOverBothSidesGiveTheRightInstant() throws Exception {
        // 2024-03-31: CET (+01) 02:00 jumps to CEST (+02) 03:00; the two are one hour apart in UTC
        assertEquals(utc("2024-03-31T00:30:00Z"), convert(utc, "\"2024-03-31T01:30:00+01:00\"", ColumnType.TIMESTAMP));
        assertEquals(utc("2024-03-31T01:30:00Z"), convert(utc, "\"2024-03-31T03:30:00+02:00\"", ColumnType.TIMESTAMP));
    }

    @Test
    void timestampsWithoutOffsetAreReadInTheMappingZone() throws Exception {
        assertEquals(utc("2021-10-23T00:00:00Z"), convert(utc, "\"2021-10-23 00:00:00\"", ColumnType.TIMESTAMP));
        // Stockholm is +02 in October (summer time) and +01 in November
        assertEquals(utc("2021-10-22T22:00:00Z"), convert(stockholm, "\"2021-10-23 00:00:00\"", ColumnType.TIMESTAMP));
        assertEquals(utc("2021-11-22T23:00:00Z"), convert(stockholm, "\"2021-11-23 00:00:00\"", ColumnType.TIMESTAMP));
        // local times on both sides of the spring gap
        assertEquals(utc("2024-03-31T00:30:00Z"), convert(stockholm, "\"2024-03-31 01:30:00\"", ColumnType.TIMESTAMP));
        assertEquals(utc("2024-03-31T01:30:00Z"), convert(stockholm, "\"2024-03-31 03:30:00\"", ColumnType.TIMESTAMP));
        // an explicit offset wins over the mapping zone
        assertEquals(utc("2021-10-23T00:00:00Z"), convert(stockholm, "\"2021-10-23T00:00:00Z\"", ColumnType.TIMESTAMP));
    }

    @Test
    void malformedTimestampsFail() {
        for (String bad : new String[] {"\"abc\"", "\"2022-13-09T13:15:11Z\"", "\"2022-11-09T13:15:11+1\"",
                "\"2022-11-09X13:15:11\"", "\"2022-11-09T25:00:00Z\"", "12345", "{\"a\":1}"}) {
            assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, bad, ColumnType.TIMESTAMP), bad);
        }
    }

    @Test
    void datesComeFromDatesOrTheDatePartOfTimestampsInTheirOwnOffset() throws Exception {
        assertEquals(LocalDate.of(2022, 11, 9), convert(utc, "\"2022-11-09\"", ColumnType.DATE));
        // 23:30 at -05:00 is already the 10th in UTC, but the date as written is the 9th
        assertEquals(LocalDate.of(2022, 11, 9), convert(utc, "\"2022-11-09T23:30:00-05:00\"", ColumnType.DATE));
        assertEquals(LocalDate.of(2022, 11, 9), convert(utc, "\"2022-11-09 23:30:00\"", ColumnType.DATE));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "\"2022-02-30\"", ColumnType.DATE));
    }

    @Test
    void decimalsAreExact() throws Exception {
        assertEquals(new BigDecimal("0.1"), convert(utc, "0.1", ColumnType.DECIMAL));
        assertEquals(new BigDecimal("1234567.89"), convert(utc, "1234567.89", ColumnType.DECIMAL));
        assertEquals(new BigDecimal("0.1"), convert(utc, "\"0.1\"", ColumnType.DECIMAL));
        assertEquals(new BigDecimal("42"), convert(utc, "42", ColumnType.DECIMAL));
        assertEquals(new BigDecimal("123456789012345678901234567890"),
                convert(utc, "123456789012345678901234567890", ColumnType.DECIMAL));
        // even a double node (a mapper without USE_BIG_DECIMAL_FOR_FLOATS) gives 0.1, not 0.1000000000000000055...
        assertEquals(new BigDecimal("0.1"), utc.convert(DoubleNode.valueOf(0.1), ColumnType.DECIMAL));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "\"abc\"", ColumnType.DECIMAL));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "true", ColumnType.DECIMAL));
    }

    @Test
    void integers() throws Exception {
        assertEquals(7, convert(utc, "7", ColumnType.INT));
        assertEquals(7, convert(utc, "\"7\"", ColumnType.INT));
        assertEquals(7, convert(utc, "7.0", ColumnType.INT));
        assertEquals(9_000_000_000L, convert(utc, "9000000000", ColumnType.LONG));
        assertEquals(-3L, convert(utc, "\"-3\"", ColumnType.LONG));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "9000000000", ColumnType.INT));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "7.5", ColumnType.INT));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "\"abc\"", ColumnType.INT));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "\"abc\"", ColumnType.LONG));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "[1]", ColumnType.LONG));
    }

    @Test
    void booleansAndStrings() throws Exception {
        assertEquals(true, convert(utc, "true", ColumnType.BOOLEAN));
        assertEquals(false, convert(utc, "\"FALSE\"", ColumnType.BOOLEAN));
        assertEquals(true, convert(utc, "1", ColumnType.BOOLEAN));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "\"yes\"", ColumnType.BOOLEAN));
        assertEquals("Åsa 🎉", convert(utc, "\"Åsa 🎉\"", ColumnType.STRING));
        assertEquals("166", convert(utc, "166", ColumnType.STRING));
        assertEquals("0.1", convert(utc, "0.1", ColumnType.STRING));
        assertEquals("true", convert(utc, "true", ColumnType.STRING));
        assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "{\"a\":1}", ColumnType.STRING));
    }

    @Test
    void jsonIsCompactTextOfAnyShape() throws Exception {
        assertEquals("{\"a\":[1,2.5,\"x\"],\"b\":null}", convert(utc, "{ \"a\" : [1, 2.5, \"x\"], \"b\": null }", ColumnType.JSON));
        assertEquals("\"text\"", convert(utc, "\"text\"", ColumnType.JSON));
        assertEquals("12", convert(utc, "12", ColumnType.JSON));
    }

    @Test
    void errorsNameTheValueTruncated() {
        String longText = "x".repeat(500);
        ValueConverter.ConversionException e = assertThrows(ValueConverter.ConversionException.class,
                () -> convert(utc, "\"" + longText + "\"", ColumnType.INT));
        assertTrue(e.getMessage().startsWith("cannot convert 'xxxx"), e.getMessage());
        assertTrue(e.getMessage().endsWith("…' to int"), e.getMessage());
        assertTrue(e.getMessage().length() < 130, e.getMessage());
        e = assertThrows(ValueConverter.ConversionException.class, () -> convert(utc, "{\"a\":1}", ColumnType.INT));
        assertEquals("cannot convert {\"a\":1} (an object) to int", e.getMessage());
    }

    @Test
    void mappingFileTextConvertsAtLoad() throws Exception {
        assertEquals(new BigDecimal("1.50"), utc.convertText("1.50", ColumnType.DECIMAL));
        assertEquals("[1,2]", utc.convertText("[1, 2]", ColumnType.JSON));
        assertThrows(ValueConverter.ConversionException.class, () -> utc.convertText("{", ColumnType.JSON));
        assertNull(utc.parseTimestamp("2022-11-09T13", true));
    }

    @Test
    void timestampWithoutSecondsIsAccepted() {
        assertEquals(utc("2022-11-09T13:15:00Z"), utc.parseTimestamp("2022-11-09T13:15Z", true));
        assertEquals(utc("2022-11-09T13:15:00Z"), utc.parseTimestamp("2022-11-09T13:15", true));
        assertEquals(utc("2022-11-09T00:00:00Z"), utc.parseTimestamp("2022-11-09", true));
    }

}
