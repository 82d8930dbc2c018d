package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Centra record turned into rows.
 *
 * @param key      the root key values joined with {@code |}
 * @param cursor   the incremental field as an instant, or null (snapshot entity, or field absent)
 * @param row      the root table row, values in {@link TableSpec#columns()} order
 * @param children child table name → its rows (values in that table's column order); every child table is
 *                 present, possibly with an empty list
 * @param hash     digest of the row and all child rows ({@link RowHasher}): the sink skips a record whose
 *                 stored hash is equal
 * @param source   the record as Centra sent it, kept until the page is written: a record the database refuses
 *                 becomes a dead letter with it; null where the record was not read from Centra
 */
public record MappedRecord(String key, Instant cursor, Object[] row, Map<String, List<Object[]>> children, String hash,
                           JsonNode source) {

    /** Hashes here, where the record is mapped: a page fetched ahead is mapped (and hashed) off the writing thread. */
    public MappedRecord(String key, Instant cursor, Object[] row, Map<String, List<Object[]>> children, JsonNode source) {
        this(key, cursor, row, children, RowHasher.hash(row, children), source);
    }

    public MappedRecord(String key, Instant cursor, Object[] row, Map<String, List<Object[]>> children) {
        this(key, cursor, row, children, (JsonNode) null);
    }

    public MappedRecord(String key, Instant cursor, Object[] row, Map<String, List<Object[]>> children, String hash) {
        this(key, cursor, row, children, hash, null);
    }
}
