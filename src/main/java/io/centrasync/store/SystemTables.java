package io.centrasync.store;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of our bookkeeping tables: {@code sync_state} (checkpoints), {@code sync_runs} (run
 * history) and {@code dead_letter}, each behind the prefix of {@value #PREFIX_SETTING}, so that they
 * can live beside a user's tables of the same names.
 */
public record SystemTables(String syncState, String syncRuns, String deadLetter) {

    public static final String PREFIX_SETTING = "sink.system-table-prefix";
    /** Lower-case, so that it means the same unquoted on H2 (which upper-cases) and PostgreSQL (which lower-cases). */
    private static final Pattern PREFIX = Pattern.compile("([a-z_][a-z0-9_]*)?");
    /** PostgreSQL keeps 63 characters of a name; the longest of ours, dead_letter, has 11. */
    private static final int MAX_PREFIX = 63 - "dead_letter".length();

    /** The names without a prefix, as every version before the setting used them (after the patterns: initialised in order). */
    public static final SystemTables DEFAULT = withPrefix("");

    /** @throws IllegalArgumentException when the prefix would not make plain SQL names */
    public static SystemTables withPrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches() || prefix.length() > MAX_PREFIX) {
            throw new IllegalArgumentException(PREFIX_SETTING + " '" + prefix + "' is not a plain SQL name part (lower-case"
                    + " letters, digits and _, not starting with a digit, at most " + MAX_PREFIX + " characters)");
        }
        return new SystemTables(prefix + "sync_state", prefix + "sync_runs", prefix + "dead_letter");
    }

    public List<String> all() {
        return List.of(syncState, syncRuns, deadLetter);
    }
}
