package io.centrasync.store;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Keeps an embedded H2 file within a small multiple of its data while the process lives.
 *
 * <p>H2's MVStore never overwrites a live page: each commit writes the pages it changed elsewhere, and a
 * stretch of the file is reused only once nothing in it is live. A long {@code run} that updates the same
 * rows leaves many stretches with a little live data each (62 MB for 1.3 MB). H2 rewrites them in the
 * background writer of its MVStore, which the {@code WRITE_DELAY=0} that {@link DataSources} sets for kill -9
 * safety turns off; and rewriting them from another thread while commits go on lost a committed page to
 * kill -9 with H2 2.4.240.
 *
 * <p>So this does what H2's documentation advises for a file that grew, {@code SHUTDOWN COMPACT}, at a moment
 * when none of our connections is out ({@link ConnectionGate}): every interval it reads the file's size and how
 * much of it is live ({@code INFORMATION_SCHEMA.SETTINGS}), and when the file holds more than {@code growth}
 * times its live data it closes the database with {@code SHUTDOWN COMPACT}. H2 copies the live pages into a new
 * file beside it and renames that over the old one, so a kill -9 at any point leaves one whole file or the
 * other (H2 removes a half-written copy when it opens the file). The pool's connections are then replaced, and
 * the first one opens the compacted file. Other processes connected through {@code AUTO_SERVER} lose their
 * connection and reconnect.
 */
public final class H2Compaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);
    /** How long a compaction waits for our connections to come back before it tries again an interval later. */
    static final Duration IDLE_WAIT = Duration.ofSeconds(1);
    /** How long a stop waits for a compaction in progress. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final HikariDataSource pool;
    private final Duration interval;
    private final double growth;
    private final ConnectionGate gate = new ConnectionGate();
    /** Null when compactions are off. */
    private final Thread thread;
    private final Object lock = new Object();
    private final AtomicInteger compactions = new AtomicInteger();
    private boolean stopped;

    private H2Compaction(HikariDataSource pool, Duration interval, double growth, boolean scheduled) {
        this.pool = pool;
        this.interval = interval;
        this.growth = growth;
        this.thread = scheduled ? new Thread(this::compactEveryInterval, "centra-sync-h2-compaction") : null;
    }

    /**
     * Looks at the file of {@code pool} every {@code interval}, and compacts it when it holds more than
     * {@code growth} times its live data; does nothing unless {@link #applies} to {@code jdbcUrl} (as configured,
     * before the pool added its defaults) and the interval is not zero. The connections of the pool count only
     * when taken through {@link #guard}.
     */
    public static H2Compaction every(Duration interval, double growth, HikariDataSource pool, String jdbcUrl) {
        H2Compaction compaction = new H2Compaction(pool, interval, growth, !interval.isZero() && applies(jdbcUrl));
        if (compaction.thread != null) {
            compaction.thread.setDaemon(true);
            compaction.thread.start();
        }
        return compaction;
    }

    /**
     * An embedded H2 file whose URL left {@code WRITE_DELAY} to us: with a {@code WRITE_DELAY} of its own, H2's
     * background writer compacts. Not in-memory or server databases, nor PostgreSQL.
     */
    public static boolean applies(String jdbcUrl) {
        String upper = jdbcUrl.toUpperCase(Locale.ROOT);
        return DataSources.embeddedH2File(upper) && !upper.contains("WRITE_DELAY");
    }

    /** Whether compactions are scheduled. */
    public boolean scheduled() {
        return thread != null;
    }

    /** How many compactions were done. */
    public int compactions() {
        return compactions.get();
    }

    /** {@code dataSource} (the pool, or a wrapper of it), its connections held back while a compaction runs. */
    public DataSource guard(DataSource dataSource) {
        return thread == null ? dataSource : gate.guard(dataSource);
    }

    /**
     * Compacts now when the file holds more than {@code growth} times its live data and none of our connections
     * is out (waiting {@link #IDLE_WAIT} for them): its size before and after, or nothing when it was not
     * compacted.
     */
    public Optional<Sizes> compactIfGrown() throws SQLException, InterruptedException {
        Sizes[] done = new Sizes[1];
        gate.whileIdle(IDLE_WAIT, () -> {
            FileUse before = FileUse.of(pool);
            if (before.size() > growth * Math.max(1, before.live())) {
                long started = System.nanoTime();
                LOG.debug("H2 file compaction starts: {} ({} live)", megabytes(before.size()), megabytes(before.live()));
                shutdownCompact();
                pool.getHikariPoolMXBean().softEvictConnections();
                compactions.incrementAndGet();
                FileUse after = FileUse.of(pool); // opens the compacted file again
                done[0] = new Sizes(before.size(), after.size(), before.live(), Duration.ofNanos(System.nanoTime() - started));
            }
        });
        return Optional.ofNullable(done[0]);
    }

    /** On a connection outside the pool, so the pool never hands out the one that closed the database. */
    private void shutdownCompact() throws SQLException {
        try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
    }

    private void compactEveryInterval() {
        while (awaitInterval()) {
            try {
                compactIfGrown().ifPresent(sizes -> LOG.info("H2 file compacted: {} -> {} ({} live) in {} ms",
                        megabytes(sizes.before()), megabytes(sizes.after()), megabytes(sizes.live()), sizes.took().toMillis()));
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                // the next interval tries again; a database that is gone is reported by the writes
                LOG.warn("H2 file compaction failed: {}", SqlFailures.reason(e));
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

    /** The file's size and an estimate of its live data, from what H2 tells of it. */
    record FileUse(long size, long live) {

        static FileUse of(DataSource dataSource) throws SQLException {
            Map<String, Long> info = new HashMap<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                         + " WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
                while (rs.next()) {
                    info.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                }
            }
            long size = info.getOrDefault("info.FILE_SIZE", 0L);
            // FILL_RATE: the share of the file that chunks take; CHUNKS_FILL_RATE: the share of those that is live
            long live = size * info.getOrDefault("info.FILL_RATE", 100L) / 100 * info.getOrDefault("info.CHUNKS_FILL_RATE", 100L) / 100;
            return new FileUse(size, live);
        }
    }

    /** The file's size before and after one compaction, the live data it held before, and how long it took. */
    public record Sizes(long before, long after, long live, Duration took) {
    }
}
