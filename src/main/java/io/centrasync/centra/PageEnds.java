package io.centrasync.centra;

import io.centrasync.mapping.ListSizes;

/**
 * Where list paging ends, and which short page is a broken answer. A list has no "more" flag: each request asks
 * for page n of every innermost list (inventory: of every warehouse's stock), and a list that comes back shorter
 * than the page size ({@code limit}) has ended. If the page after it has records in that list, it had not: page n
 * was a broken answer, short or empty before the last page, and is asked for again like any broken answer.
 *
 * <p>So a page on which any list came back short (an empty page included) is written only once the page after
 * it is seen, and then: records in a list that had ended make it broken; every list short (the page after is
 * then empty) makes it the last page; else paging goes on. An empty page is thereby the last one only when the
 * page after it is empty too. That costs one request more than stopping at the first empty page only where no
 * list ended short: a store whose longest list is an exact multiple of the page size, an empty store, or a resume
 * at an empty page.
 */
final class PageEnds {

    private PageEnds() {
    }

    /** Whether the page may be written only once the page after it is seen: a list on it is short, or it has none. */
    static boolean unconfirmed(ListSizes page, int limit) {
        if (page.count() == 0) {
            return true;
        }
        for (int i = 0; i < page.count(); i++) {
            if (page.size(i) < limit) {
                return true;
            }
        }
        return false;
    }

    /** Whether every list on the page ended (came back short): with a consistent page after it, it is the last. */
    static boolean ended(ListSizes page, int limit) {
        for (int i = 0; i < page.count(); i++) {
            if (page.size(i) >= limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Null, or the one line saying why page {@code n} was a broken answer: a list on it came back short (ended)
     * but has records on page {@code n + 1}. Lists are matched by position.
     */
    static String broken(String entity, String n, ListSizes page, String next, ListSizes following, int limit) {
        for (int i = 0; i < following.count(); i++) {
            if (following.size(i) > 0 && page.size(i) < limit) {
                return "page " + n + " of " + entity + " came back " + (page.total() == 0 ? "empty" : "short") + " ("
                        + page.size(i) + " of " + limit + " in " + following.name(i) + ") but page " + next
                        + " has more: a broken answer";
            }
        }
        return null;
    }
}
