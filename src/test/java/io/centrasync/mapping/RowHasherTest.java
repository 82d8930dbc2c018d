package io.centrasync.mapping;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RowHasherTest {

    private static String hash(Object[] row, Object[]... lines) {
        Map<String, List<Object[]>> children = new LinkedHashMap<>();
        children.put("order_lines", List.of(lines));
        return new MappedRecord("k", null, row, children).hash();
    }

    @Test
    void equalValuesHashEquallyWhateverTheirNotation() {
        OffsetDateTime stockholm = OffsetDateTime.parse("2024-03-31T03:30:00+02:00");
        assertEquals(hash(new Object[] {"a", new BigDecimal("1234.50"), stockholm, 7L}),
                hash(new Object[] {"a", new BigDecimal("1234.5"), stockholm.withOffsetSameInstant(java.time.ZoneOffset.UTC), 7L}));
        assertEquals(hash(new Object[] {new BigDecimal("100")}), hash(new Object[] {new BigDecimal("1E+2")}));
        assertEquals(hash(new Object[] {new BigDecimal("0.000")}), hash(new Object[] {BigDecimal.ZERO}));
        assertEquals(hash(new Object[] {new BigDecimal("1.5000000000000000000000000")}), hash(new Object[] {new BigDecimal("1.5")}));
        BigDecimal huge = new BigDecimal("123456789012345678901234567890.1200");
        assertEquals(hash(new Object[] {huge}), hash(new Object[] {huge.stripTrailingZeros()}));
    }

    @Test
    void anyChangeChangesTheHash() {
        String base = hash(new Object[] {"a", new BigDecimal("1.5"), LocalDate.of(2024, 1, 2), true}, new Object[] {"a", 1L});
        assertNotEquals(base, hash(new Object[] {"a", new BigDecimal("1.51"), LocalDate.of(2024, 1, 2), true}, new Object[] {"a", 1L}));
        assertNotEquals(base, hash(new Object[] {"a", new BigDecimal("1.5"), LocalDate.of(2024, 1, 3), true}, new Object[] {"a", 1L}));
        assertNotEquals(base, hash(new Object[] {"a", new BigDecimal("1.5"), LocalDate.of(2024, 1, 2), false}, new Object[] {"a", 1L}));
        assertNotEquals(base, hash(new Object[] {"a", new BigDecimal("1.5"), LocalDate.of(2024, 1, 2), true}, new Object[] {"a", 2L}));
        assertNotEquals(base, hash(new Object[] {"a", new BigDecimal("1.5"), LocalDate.of(2024, 1, 2), true}));
        // value boundaries are part of the hash: ("ab", "c") is not ("a", "bc"); null is not ""
        assertNotEquals(hash(new Object[] {"ab", "c"}), hash(new Object[] {"a", "bc"}));
        assertNotEquals(hash(new Object[] {null}), hash(new Object[] {""}));
    }

    @Test
    void aLargeRecordGrowsTheBuffer() {
        String long1 = "x".repeat(40_000);
        assertNotEquals(hash(new Object[] {long1 + "a"}), hash(new Object[] {long1 + "b"}));
        assertEquals(hash(new Object[] {long1}), hash(new Object[] {long1}));
    }
}
