package io.centrasync.centra;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One parsed Centra response.
 *
 * @param records    the records the mapping's record selector found
 * @param hasNext    whether another page follows
 * @param nextCursor the cursor (connection paging) or page number (list paging) of the next page
 * @param complexity {@code extensions.complexity}, or 0 when absent
 */
public record CentraPage(List<JsonNode> records, boolean hasNext, String nextCursor, long complexity) implements FetchedPage {
}
