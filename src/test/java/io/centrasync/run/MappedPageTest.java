package io.centrasync.run;

import io.centrasync.mapping.MappedRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Two pages joined into one write: records in page order, paging and counts of both, never over dead letters. */
class MappedPageTest {

    private static final Instant EARLY = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2026-02-01T00:00:00Z");

    private static MappedRecord record(String key) {
        return new MappedRecord(key, null, new Object[] {key}, Map.of(), "h" + key);
    }

    @Test
    void joinsRecordsInOrderAndGoesOnAfterTheSecondPage() {
        MappedPage first = new MappedPage(List.of(record("1"), record("2")), List.of(), "2", true, LATE, 10);
        MappedPage second = new MappedPage(List.of(record("3")), List.of(), "3", false, EARLY, 7);
        MappedPage both = first.followedBy(second);
        assertEquals(List.of("1", "2", "3"), both.records().stream().map(MappedRecord::key).toList());
        assertEquals("3", both.nextCursor());
        assertEquals(false, both.hasNext());
        assertEquals(LATE, both.maxSeen(), "the later of the two");
        assertEquals(17, both.complexity());
        assertEquals(2, both.pages());
        assertEquals(3, both.followedBy(new MappedPage(List.of(), List.of(), "4", false, null, 0)).pages());
        assertEquals(LATE, new MappedPage(List.of(), List.of(), "1", true, null, 0).followedBy(second.followedBy(first)).maxSeen());
    }

    @Test
    void pagesWithDeadLettersAreWrittenApart() {
        MappedPage clean = new MappedPage(List.of(record("1")), List.of(), "2", true, null, 0);
        MappedPage withDead = new MappedPage(List.of(), List.of(new DeadLetter("1", "bad", "{}")), "3", true, null, 0);
        assertNull(clean.followedBy(withDead), "record 1 mapped on one page and not on the next must end as a dead letter");
        assertNull(withDead.followedBy(clean));
    }
}
