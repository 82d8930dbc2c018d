package io.centrasync.sink;

import io.centrasync.centra.FetchedPage;
import io.centrasync.mapping.MappedRecord;
import io.centrasync.state.DeadLetter;

import java.time.Instant;
import java.util.List;

/**
 * One Centra page after mapping, ready to be written in one transaction.
 *
 * @param records     records that mapped, in page order
 * @param deadLetters records that did not
 * @param nextCursor  where the next page starts (connection cursor or page number)
 * @param hasNext     whether Centra has more pages
 * @param maxSeen     newest incremental-field value on the page, or null
 * @param complexity  what Centra charged for the page's request
 */
public record MappedPage(List<MappedRecord> records, List<DeadLetter> deadLetters, String nextCursor, boolean hasNext,
                         Instant maxSeen, long complexity) implements FetchedPage {

    public MappedPage(List<MappedRecord> records, List<DeadLetter> deadLetters, String nextCursor, boolean hasNext, Instant maxSeen) {
        this(records, deadLetters, nextCursor, hasNext, maxSeen, 0);
    }

    public int size() {
        return records.size() + deadLetters.size();
    }
}
