package io.centrasync.mapping;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code source.recheck}: after the incremental pass, rows of the root table whose {@code column} is not one of
 * {@code finalValues} are read again by key, {@code batch} keys per request, with a second query whose
 * {@code variable} receives the key list. For records that change without a change timestamp (e.g. supplier
 * deliveries, which only have {@code createdAt}).
 *
 * @param queryFile   the recheck query file
 * @param queryText   its text, sent as is
 * @param recordsPath where the records are in its response
 * @param variable    query variable that receives the list of keys
 * @param column      root-table column that tells whether a row is final
 * @param finalValues values of {@code column} after which a row never changes again
 * @param batch       keys per request
 */
public record RecheckSpec(Path queryFile, String queryText, String recordsPath, String variable, String column,
                          List<String> finalValues, int batch) {
}
