package io.centrasync.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.centrasync.mapping.ListSizes;

import java.util.List;

/**
 * One parsed Centra response.
 *
 * @param records    the records the mapping's record selector found
 * @param hasNext    whether another page follows
 * @param nextCursor the cursor (connection paging) or page number (list paging) of the next page
 * @param complexity {@code extensions.complexity}, or 0 when absent
 * @param listSizes  list paging: how many records each innermost list held (see the Centra client's PageEnds); else null
 */
public record CentraPage(List<JsonNode> records, boolean hasNext, String nextCursor, long complexity, ListSizes listSizes)
        implements FetchedPage {

    public CentraPage(List<JsonNode> records, boolean hasNext, String nextCursor, long complexity) {
        this(records, hasNext, nextCursor, complexity, null);
    }

    @Override
    public CentraPage last() {
        return new CentraPage(records, false, nextCursor, complexity, listSizes);
    }
}
