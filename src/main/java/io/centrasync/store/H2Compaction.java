package io.centrasync.store;

import org.h2.engine.DbSettings;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an embedded H2 file compact while the process lives.
 *
 * <p>H2's MVStore never overwrites a live page: each commit writes a chunk with the pages it changed,
 * and a chunk's space is reused only once none of its pages is live any more and H2's retention time
 * (45 s) has passed. A chunk that keeps a few live pages stays, so a long {@code run} that updates the
 * same rows leaves the file many times the size of its data (62 MB for 1.3 MB). H2 rewrites such
 * chunks in the background writer thread of its MVStore, which runs only with a {@code WRITE_DELAY}
 * above 0; with the {@code WRITE_DELAY=0} that {@link DataSources} sets for kill -9 safety there is no
 * such thread, and H2 compacts only while closing ({@code MAX_COMPACT_TIME}) or on
 * {@code SHUTDOWN COMPACT}.
 *
 * <p>So every interval this does that rewriting, on a thread of its own, through the public
 * {@link MVStore#compact(int, int)}: it copies the live pages of the sparsest chunks into a new one,
 * 1 MB at a time, each step an ordinary commit, until the chunks are as full as the database's
 * {@code AUTO_COMPACT_FILL_RATE} (90 %; 0 turns this off, as it does H2's own compaction) or its
 * {@code MAX_COMPACT_TIME} (200 ms) is used up. A commit of the connector waits for one step at most.
 * H2's retention time is left as it is: a chunk emptied by a step is reused only once it has passed,
 * as with H2's own background writer. New chunks fill the holes, and H2 cuts off the end of the file
 * once it is free.
 *
 * <p><b>Off unless asked for</b> ({@code sink.h2-compact-interval}, default PT0S): with H2 2.4.240,
 * {@code KillNineTest} with compactions every 0.1 s lost a committed page to a kill -9 in one run in two,
 * with the retention time set to 0 for the steps (as H2's {@code compactFile} does) and with it left
 * alone. Without compactions no kill has lost a commit.
 *
 * <p>Not H2's {@code compactFile} itself (what closing does): it also moves chunks within the file,
 * and in 2.4.240 that move can place a chunk across the area it reserves for the chunks that the last
 * written metadata still points to (fixed after 2.4.240: "fix corner case with improper allocation in
 * moveChunkInside"; its {@code FreeSpaceBitSet} assertion fails here under {@code -ea}).
 */
public final class H2Compaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);
    /** How long a stop waits for a compaction in progress (MAX_COMPACT_TIME and one commit). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * Live data copied per commit: small enough for the new chunk to fit a hole that an earlier step
     * freed, so the end of the file empties and is cut off (one chunk of everything would be appended
     * at the end and hold the file at its size).
     */
    private static final int REWRITE_PER_COMMIT = 1 << 20;

    private final DataSource dataSource;
    private final Duration interval;
    /** Null when compactions are off. */
    private final Thread thread;
    private final Object lock = new Object();
    private boolean stopped;

    private H2Compaction(DataSource dataSource, Duration interval, boolean scheduled) {
        this.dataSource = dataSource;
        this.interval = interval;
        this.thread = scheduled ? new Thread(this::compactEveryInterval, "centra-sync-h2-compaction") : null;
    }

    /**
     * Compacts the database of {@code jdbcUrl} every {@code interval} on a thread of its own, when
     * {@link #applies} to the URL and the interval is not zero; otherwise does nothing.
     */
    public static H2Compaction every(Duration interval, DataSource dataSource, String jdbcUrl) {
        H2Compaction compaction = new H2Compaction(dataSource, interval, !interval.isZero() && applies(jdbcUrl));
        if (compaction.thread != null) {
            compaction.thread.setDaemon(true);
            compaction.thread.start();
        }
        return compaction;
    }

    /**
     * An embedded H2 file whose URL left {@code WRITE_DELAY} to us: with a {@code WRITE_DELAY} of its
     * own, H2's background writer compacts (as the URL's other settings say). Not in-memory or server
     * databases, nor PostgreSQL.
     */
    public static boolean applies(String jdbcUrl) {
        String upper = jdbcUrl.toUpperCase(Locale.ROOT);
        return DataSources.embeddedH2File(upper) && !upper.contains("WRITE_DELAY");
    }

    /** Whether compactions are scheduled. */
    public boolean scheduled() {
        return thread != null;
    }

    /**
     * One compaction now, on the calling thread: the file's size before and after, or nothing when
     * another process holds the file (AUTO_SERVER: its owner compacts it) or it is read-only.
     */
    public static Optional<Sizes> compact(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                    || session.getDatabase().isReadOnly() || !session.getDatabase().isPersistent()) {
                return Optional.empty();
            }
            DbSettings settings = session.getDatabase().getSettings();
            MVStore store = session.getDatabase().getStore().getMvStore();
            long before = store.getFileStore().size();
            long started = System.nanoTime();
            long deadline = started + TimeUnit.MILLISECONDS.toNanos(settings.maxCompactTime);
            int fillRate = settings.autoCompactFillRate;
            int filledBefore = store.getFileStore().getChunksFillRate();
            if (fillRate <= 0 || filledBefore >= fillRate) {
                return Optional.of(new Sizes(before, before, filledBefore, filledBefore, Duration.ofNanos(System.nanoTime() - started)));
            }
            // H2's retention time stays as it is: a chunk the file's last header may still lead to is not reused
            // before it has passed, which is what keeps a kill -9 during or after a compaction from losing commits
            while (store.compact(fillRate, REWRITE_PER_COMMIT)) {
                store.commit();
                store.sync();
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
            }
            return Optional.of(new Sizes(before, store.getFileStore().size(), filledBefore, store.getFileStore().getChunksFillRate(),
                    Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    private void compactEveryInterval() {
        while (awaitInterval()) {
            try {
                compact(dataSource).ifPresent(sizes -> LOG.debug("H2 file compacted: {} before, {} after, {} ms",
                        megabytes(sizes.before()), megabytes(sizes.after()), sizes.took().toMillis()));
            } catch (SQLException | RuntimeException e) {
                // the next interval tries again; a database that is gone is reported by the writes
                LOG.warn("H2 file compaction failed: {}", e.getMessage());
            }
        }
    }

    /** Waits one interval; false once {@link #close} was called. */
    private boolean awaitInterval() {
        long end = System.nanoTime() + interval.toNanos();
        synchronized (lock) {
            try {
                for (long left = interval.toNanos(); !stopped && left > 0; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                return false;
            }
            return !stopped;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** Stops the compactions; one in progress ends first (before the pool is closed: no interrupt, which would close H2's file). */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("H2 file compaction did not end within {}", STOP_WAIT);
        }
    }

    /**
     * The file's size before and after one compaction, how full its chunks were (percent of their pages live),
     * and how long it took.
     */
    public record Sizes(long before, long after, int filledBefore, int filledAfter, Duration took) {
    }
}
