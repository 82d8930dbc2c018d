package io.centrasync.run;

import io.centrasync.mapping.ListSizes;

/** What the page loop needs of a fetched page, mapped or not: where paging goes on and what the request cost. */
public interface FetchedPage {

    /** whether Centra has more pages */
    boolean hasNext();

    /** where the next page starts (connection cursor or page number) */
    String nextCursor();

    /** {@code extensions.complexity} of the request, or 0 when absent */
    long complexity();

    /**
     * List paging: how many records each innermost list of the answer held (of the last page, when pages are
     * joined), which tells whether the page may be the last (see the Centra client's PageEnds); null otherwise.
     */
    default ListSizes listSizes() {
        return null;
    }

    /** This page with no page after it: paging ends here. */
    FetchedPage last();

    /**
     * This page and {@code next}, which starts where this one ends, as one page to be written in one transaction,
     * or null where pages are not joined (the default).
     */
    default FetchedPage followedBy(FetchedPage next) {
        return null;
    }
}
