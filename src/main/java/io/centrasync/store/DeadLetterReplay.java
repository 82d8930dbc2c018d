package io.centrasync.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappedRecord;
import io.centrasync.mapping.RecordMappingException;
import io.centrasync.run.DeadLetter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code dlq replay}: runs each dead letter's stored payload through the entity's <em>current</em>
 * mapping. A record that maps now is written (as a page would write it) and leaves the table; one
 * that still fails stays, with the new reason. Each letter is its own transaction.
 */
public final class DeadLetterReplay {

    /** What a replay did. */
    public record Outcome(int replayed, int stillFailing, int skipped) {
    }

    private final DataSource dataSource;
    private final Map<String, EntityMapping> mappings;
    private final PageWriter pageWriter;
    private final DeadLetters deadLetters;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public DeadLetterReplay(DataSource dataSource, Map<String, EntityMapping> mappings, PageWriter pageWriter, DeadLetters deadLetters) {
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
        this.mappings = mappings;
        this.pageWriter = pageWriter;
    }

    public Outcome replay(String entity) {
        int replayed = 0;
        int failing = 0;
        int skipped = 0;
        try (Connection c = dataSource.getConnection()) {
            for (DeadLetters.Stored letter : deadLetters.list(c, entity)) {
                EntityMapping mapping = mappings.get(letter.entity());
                if (mapping == null) {
                    skipped++; // an entity no longer mapped: leave its letters for a human
                    continue;
                }
                c.setAutoCommit(false);
                try {
                    JsonNode payload = json.readTree(letter.payload());
                    MappedRecord record = mapping.mapper().map(payload);
                    pageWriter.writeRecords(c, mapping, List.of(record), PageWriter.Destination.LIVE);
                    deadLetters.resolve(c, letter.entity(), List.of(letter.recordKey()));
                    replayed++;
                } catch (RecordMappingException e) {
                    deadLetters.write(c, letter.entity(), "replay", List.of(new DeadLetter(letter.recordKey(), e.getMessage(),
                            letter.payload())));
                    failing++;
                } catch (SQLException e) {
                    if (!SqlFailures.isRejectedValue(e)) {
                        throw e;
                    }
                    c.rollback(); // the table still refuses it: the letter stays, with the database's reason of today
                    deadLetters.write(c, letter.entity(), "replay", List.of(new DeadLetter(letter.recordKey(),
                            SqlFailures.refusal(e), letter.payload())));
                    failing++;
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    failing++; // a payload that is not JSON cannot have come from us; leave it untouched
                }
                c.commit();
            }
        } catch (SQLException e) {
            throw new SinkException("dead letter replay failed (each letter is its own transaction; the replayed ones stay replayed): "
                    + e.getMessage(), e);
        }
        return new Outcome(replayed, failing, skipped);
    }
}
