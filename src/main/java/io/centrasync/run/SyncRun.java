package io.centrasync.run;

import io.centrasync.mapping.EntityMapping;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of one entity, carried through the route in the exchange variable {@code run}.
 * The resumable part (since, cursor, pages, maxSeen) mirrors the in-flight columns of
 * {@code sync_state} and only moves when a page commits.
 */
public final class SyncRun {

    private final String entity;
    private final String runId;
    private final EntityMapping mapping;
    private final boolean full;
    private final boolean resumed;
    private final Instant startedAt;
    private final Instant since;
    /** a snapshot run whose pages go to staging tables, published when complete (see SnapshotTables) */
    private final boolean staged;
    private final long startNanos = System.nanoTime();
    /** set when the run ends, so that its duration is not read later as the time until then */
    private volatile long endNanos;
    private volatile String failure;
    /** records the run reads in all, as Centra counts them (totalCount), or -1; shared with its fetch-ahead copies */
    private final java.util.concurrent.atomic.AtomicLong totalCount;

    private String cursor;
    private int pages;
    private Instant maxSeen;
    private boolean morePages = true;
    /** Key batches still to re-read (see {@link io.centrasync.mapping.RecheckSpec}); null until that pass starts. */
    private java.util.Deque<java.util.List<Object>> recheckBatches;

    private long records;
    private long written;
    private long unchanged;
    private long deadLetters;
    private long complexity;
    private int pagesThisRun;
    private String status = "running";
    /** whether dead letters of the entity may exist, so that records mapping fine must resolve theirs */
    private boolean deadLettersOpen = true;

    public SyncRun(String entity, EntityMapping mapping, boolean full, boolean resumed, Instant startedAt, Instant since,
            boolean staged, String cursor, int pages, Instant maxSeen) {
        this(UUID.randomUUID().toString(), entity, mapping, full, resumed, startedAt, since, staged, cursor, pages, maxSeen,
                new java.util.concurrent.atomic.AtomicLong(-1));
    }

    private SyncRun(String runId, String entity, EntityMapping mapping, boolean full, boolean resumed, Instant startedAt,
                    Instant since, boolean staged, String cursor, int pages, Instant maxSeen,
                    java.util.concurrent.atomic.AtomicLong totalCount) {
        this.totalCount = totalCount;
        this.runId = runId;
        this.entity = entity;
        this.mapping = mapping;
        this.full = full;
        this.resumed = resumed;
        this.startedAt = startedAt;
        this.since = since;
        this.staged = staged;
        this.cursor = cursor;
        this.pages = pages;
        this.maxSeen = maxSeen;
    }

    /**
     * A full run that is not recorded in {@code sync_state}: for tools that page through Centra
     * exactly as a run does, without the bookkeeping (the benchmark).
     */
    public static SyncRun unrecorded(String entity, EntityMapping mapping) {
        Instant since = mapping.incremental().isPresent() ? Instant.EPOCH : null;
        return new SyncRun(entity, mapping, true, false, Instant.now(), since, false, null, 0, null);
    }

    /**
     * A copy positioned at {@code cursor}, the start of the page after the one in hand, for fetching
     * that page ahead. Only its position is used; it never commits.
     */
    public SyncRun aheadAt(String cursor) {
        // the same run (same id: one rateLimits read per run), positioned after the page
        return new SyncRun(runId, entity, mapping, full, resumed, startedAt, since, staged, cursor, pages + 1, maxSeen, totalCount);
    }

    /** Called once a page and its checkpoint are committed. */
    public void pageCommitted(String nextCursor, boolean hasNext, Instant pageMaxSeen, int pageRecords, int pageWritten,
                              int pageUnchanged, int pageDeadLetters) {
        pagesCommitted(1, nextCursor, hasNext, pageMaxSeen, pageRecords, pageWritten, pageUnchanged, pageDeadLetters);
    }

    /** {@code n} pages committed in one transaction (see {@code MappedPage#pages}); the arguments are their sums, the last page's position. */
    public void pagesCommitted(int n, String nextCursor, boolean hasNext, Instant pageMaxSeen, int pageRecords, int pageWritten,
                               int pageUnchanged, int pageDeadLetters) {
        this.cursor = nextCursor;
        if (recheckBatches != null) {
            recheckBatches.poll();
            this.morePages = !recheckBatches.isEmpty();
        } else {
            this.morePages = hasNext;
        }
        this.maxSeen = later(maxSeen, pageMaxSeen);
        this.pages += n;
        this.pagesThisRun += n;
        this.records += pageRecords;
        this.written += pageWritten;
        this.unchanged += pageUnchanged;
        this.deadLetters += pageDeadLetters;
        this.deadLettersOpen |= pageDeadLetters > 0;
    }

    /**
     * A snapshot's counts are known once it is published (its pages go to staging, see SnapshotTables):
     * rows new or changed against the live table, and rows equal to it. Set, not added: the publishing
     * transaction may be repeated after a database outage.
     */
    public void snapshotPublished(long changed, long unchangedRows) {
        this.written = changed;
        this.unchanged = unchangedRows;
    }

    /** Set when the run starts: false when the entity had no dead letter then. */
    public void deadLettersOpen(boolean open) {
        this.deadLettersOpen = open;
    }

    /** Whether a page's records may have dead letters to resolve (the store resolves them). */
    public boolean mayHaveDeadLetters() {
        return deadLettersOpen;
    }

    /** Every page is in: now re-read these keys, one batch per request. */
    public void startRecheck(java.util.List<java.util.List<Object>> batches) {
        this.recheckBatches = new java.util.ArrayDeque<>(batches);
        this.morePages = !recheckBatches.isEmpty();
    }

    public int recheckBatches() {
        return recheckBatches == null ? 0 : recheckBatches.size();
    }

    public boolean rechecking() {
        return recheckBatches != null;
    }

    /** The keys of the next recheck request. */
    public java.util.List<Object> recheckBatch() {
        return recheckBatches == null ? null : recheckBatches.peek();
    }

    /** The query file of the next request: the entity's query, or its recheck query. */
    public String queryFile() {
        java.nio.file.Path file = rechecking() ? mapping.recheck().orElseThrow().queryFile() : mapping.queryFile();
        return file.toAbsolutePath().toString().replace('\\', '/');
    }

    /** The later of two instants, either of which may be null. */
    public static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Centra says how many records the run reads in all (the connection's totalCount, see PagingSpec). */
    public void totalCount(long records) {
        totalCount.set(records);
    }

    /** How many records the run reads in all, as Centra last said, or -1 when unknown. */
    public long totalCount() {
        return totalCount.get();
    }

    public void addComplexity(long points) {
        complexity += points;
    }

    /**
     * The watermark a completed run may store: never past the run's start (a record changed while we
     * paged may sort behind our cursor) and never past the newest change actually seen. Null when the
     * run saw nothing.
     */
    public Instant safeWatermark() {
        if (maxSeen == null) {
            return null;
        }
        return maxSeen.isBefore(startedAt) ? maxSeen : startedAt;
    }

    public String entity() { return entity; }
    public String runId() { return runId; }
    public EntityMapping mapping() { return mapping; }
    public boolean full() { return full; }
    public boolean resumed() { return resumed; }
    public Instant startedAt() { return startedAt; }
    /** Lower bound for the incremental filter, or null for a snapshot entity. */
    public Instant since() { return since; }

    /** Whether the run reads every record (a backfill, {@code --full}, a changed mapping): it starts at the epoch. */
    public boolean readsEverything() { return Instant.EPOCH.equals(since); }

    /**
     * Whether the pages go to staging tables: a snapshot run that has a previous snapshot to keep visible
     * until it is complete. False for incremental runs and for an entity's first snapshot, which is written
     * straight into its (empty) live tables.
     */
    public boolean staged() { return staged; }
    public String cursor() { return cursor; }
    public int pages() { return pages; }
    public Instant maxSeen() { return maxSeen; }
    public boolean morePages() { return morePages; }
    public long records() { return records; }
    public long written() { return written; }
    public long unchanged() { return unchanged; }
    public long deadLetters() { return deadLetters; }
    public long complexity() { return complexity; }
    public int pagesThisRun() { return pagesThisRun; }
    public String status() { return status; }
    /** Why the run failed, in one line; null unless it failed. */
    public String failure() { return failure; }
    public void failure(String failure) { this.failure = failure; }

    /** The run's end: ok, failed or interrupted. */
    public void status(String status) {
        this.status = status;
        if (endNanos == 0) {
            endNanos = System.nanoTime();
        }
    }
    /** How long the run took, or has taken so far while it runs. */
    public double seconds() { return ((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos) / 1e9; }
}
