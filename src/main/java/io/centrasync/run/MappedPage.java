package io.centrasync.run;

import io.centrasync.mapping.ListSizes;
import io.centrasync.mapping.MappedRecord;

import java.time.Instant;
import java.util.ArrayList;
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
 * @param pages       Centra pages it holds: more than one when pages that were already waiting are written together
 * @param listSizes   list paging: how many records each innermost list of the (last) page's answer held; else null
 */
public record MappedPage(List<MappedRecord> records, List<DeadLetter> deadLetters, String nextCursor, boolean hasNext,
                         Instant maxSeen, long complexity, int pages, ListSizes listSizes) implements FetchedPage {

    public MappedPage(List<MappedRecord> records, List<DeadLetter> deadLetters, String nextCursor, boolean hasNext,
                      Instant maxSeen, long complexity, ListSizes listSizes) {
        this(records, deadLetters, nextCursor, hasNext, maxSeen, complexity, 1, listSizes);
    }

    public MappedPage(List<MappedRecord> records, List<DeadLetter> deadLetters, String nextCursor, boolean hasNext,
                      Instant maxSeen, long complexity) {
        this(records, deadLetters, nextCursor, hasNext, maxSeen, complexity, 1, null);
    }

    public MappedPage(List<MappedRecord> records, List<DeadLetter> deadLetters, String nextCursor, boolean hasNext, Instant maxSeen) {
        this(records, deadLetters, nextCursor, hasNext, maxSeen, 0, 1, null);
    }

    /** This page and {@code next}, the page that starts where this one ends, as one: paging goes on after {@code next}. */
    @Override
    public MappedPage followedBy(FetchedPage following) {
        if (!(following instanceof MappedPage next) || !deadLetters.isEmpty() || !next.deadLetters.isEmpty()) {
            return null; // a record on both pages must end as the later copy says, row or dead letter: written apart
        }
        List<MappedRecord> both = new ArrayList<>(records.size() + next.records.size());
        both.addAll(records);
        both.addAll(next.records);
        return new MappedPage(both, List.of(), next.nextCursor, next.hasNext, SyncRun.later(maxSeen, next.maxSeen),
                complexity + next.complexity, pages + next.pages, next.listSizes);
    }

    @Override
    public MappedPage last() {
        return new MappedPage(records, deadLetters, nextCursor, false, maxSeen, complexity, pages, listSizes);
    }

    public int size() {
        return records.size() + deadLetters.size();
    }
}
