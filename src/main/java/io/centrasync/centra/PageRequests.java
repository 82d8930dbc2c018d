package io.centrasync.centra;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.PagingSpec;
import io.centrasync.run.SyncRun;
import org.apache.camel.util.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the GraphQL variables of the next page from the mapping's paging section and the run's
 * position. camel-graphql only accepts variables as a Camel {@link JsonObject}: a Map or a JSON
 * string is silently sent as {@code {}}.
 */
public final class PageRequests {

    /** Centra's own date-time shape, always with an explicit offset (UTC), never a bare local time. */
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    public JsonObject variables(SyncRun run) {
        EntityMapping mapping = run.mapping();
        PagingSpec paging = mapping.paging();
        JsonObject vars = new JsonObject();
        if (run.rechecking()) {
            vars.put(mapping.recheck().orElseThrow().variable(), new org.apache.camel.util.json.JsonArray(run.recheckBatch()));
            return vars;
        }
        switch (paging.style()) {
            case PagingSpec.PAGE -> {
                vars.put(paging.sizeVariable(), paging.size());
                vars.put(paging.pageVariable(), run.cursor() == null ? 1 : Integer.parseInt(run.cursor()));
            }
            case PagingSpec.CURSOR -> {
                vars.put(paging.sizeVariable(), paging.size());
                vars.put(paging.cursorVariable(), run.cursor());
            }
            default -> {
                // one request, no paging variables
            }
        }
        mapping.incremental().ifPresent(inc -> vars.put(inc.variable(), formatSince(run.since())));
        return vars;
    }

    static String formatSince(Instant since) {
        // seconds are Centra's precision; round down so the boundary second is included
        return SINCE.format(since == null ? Instant.EPOCH : since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
