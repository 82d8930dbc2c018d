package io.centrasync.bench;

/** The four measurements of the benchmark, each run in a JVM of its own. */
enum Phase {
    /** (a) every page fetched and parsed with the mapping's query; nothing written. */
    FETCH,
    /** (b) the same records, mapped beforehand (not timed), batch-upserted with plain JDBC into empty tables. */
    WRITE,
    /** (c) a full backfill through the Camel routes into empty tables. */
    E2E,
    /** (d) a full backfill as (c), against a simulator enforcing a rate-limit plan: how much of the budget it uses. */
    BUDGET;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
