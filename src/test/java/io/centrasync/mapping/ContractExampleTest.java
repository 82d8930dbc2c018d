package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example mapping of the format's documentation loads and maps as documented. */
class ContractExampleTest {
    @Test
    void documentedExampleLoadsAndMaps() throws Exception {
        EntityMapping m = MappingLoader.load(Fixtures.resource("contract/orders.yaml"));
        List<JsonNode> records = m.selectRecords(Fixtures.jsonResource("orders-page.json"));

        MappedRecord dtc = m.mapper().map(records.get(0));
        String id = "1497ccf644db871e1e4026d101bde6f3";
        assertArrayEquals(new Object[] {id, 166L, "DTC", "CONFIRMED", OffsetDateTime.parse("2024-03-31T00:30:00Z"),
                OffsetDateTime.parse("2024-03-31T01:30:00Z"), "SEK", new BigDecimal("1234567.89"),
                "Grattis på födelsedagen! 🎉", "", "166/CONFIRMED"}, dtc.row());
        List<Object[]> attributes = dtc.children().get("order_attributes");
        assertArrayEquals(new Object[] {id, "gift_wrap", "message", "Grattis på födelsedagen! 🎉", null}, attributes.get(0));
        assertArrayEquals(new Object[] {id, "gift_wrap", "paper", null, "gold"}, attributes.get(1));

        MappedRecord wholesale = m.mapper().map(records.get(1));
        assertEquals(null, wholesale.row()[8], "no gift_wrap attribute");
        assertEquals("167/PENDING", wholesale.row()[10]);
    }
}
