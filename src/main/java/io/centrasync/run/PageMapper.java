package io.centrasync.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.centrasync.mapping.MappedRecord;
import io.centrasync.mapping.RecordMapper;
import io.centrasync.mapping.RecordMappingException;

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
