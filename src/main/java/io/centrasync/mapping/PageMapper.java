package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.centrasync.centra.CentraPage;
import io.centrasync.sink.MappedPage;
import io.centrasync.state.DeadLetter;
import io.centrasync.state.SyncRun;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the entity's record mapper over every record of a page. A record that cannot be mapped
 * becomes a dead letter (payload and reason); the rest of the page goes on.
 */
public final class PageMapper {

    public MappedPage map(CentraPage page, SyncRun run) {
        RecordMapper mapper = run.mapping().mapper();
        List<MappedRecord> mapped = new ArrayList<>(page.records().size());
        List<DeadLetter> dead = new ArrayList<>();
        Instant maxSeen = null;
        for (JsonNode record : page.records()) {
            try {
                MappedRecord r = mapper.map(record);
                mapped.add(r);
                if (r.cursor() != null && (maxSeen == null || r.cursor().isAfter(maxSeen))) {
                    maxSeen = r.cursor();
                }
            } catch (RecordMappingException e) {
                dead.add(new DeadLetter(e.recordKey(), e.getMessage(), record.toString()));
            }
        }
        return new MappedPage(mapped, dead, page.nextCursor(), page.hasNext(), maxSeen, page.complexity(), page.listSizes());
    }
}
