package io.centrasync.mapping;

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
 */
public record MappedRecord(String key, Instant cursor, Object[] row, Map<String, List<Object[]>> children, String hash) {

    /** Hashes here, where the record is mapped: a page fetched ahead is mapped (and hashed) off the writing thread. */
    public MappedRecord(String key, Instant cursor, Object[] row, Map<String, List<Object[]>> children) {
        this(key, cursor, row, children, RowHasher.hash(row, children));
    }
}
