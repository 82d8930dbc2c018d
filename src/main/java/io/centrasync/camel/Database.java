package io.centrasync.camel;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.centrasync.run.ConfigException;
import io.centrasync.store.DataSources;
import io.centrasync.store.Dialect;
import io.centrasync.store.H2Compaction;
import io.centrasync.store.SinkException;
import io.centrasync.store.SqlFailures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The database the connector writes to: a pool of its own, opened from {@code sink.jdbc-url}, or a DataSource the
 * host names ({@code sink.data-source}), which stays the host's: we never close it.
 */
public final class Database implements AutoCloseable {

    /** HikariCP refuses a shorter connection timeout. */
    static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    /** How often an embedded H2 file of ours is compacted while the process lives (see {@link H2Compaction}); zero: never. */
    static final String H2_COMPACT_INTERVAL = "sink.h2-compact-interval";
    /** How many times its live data an embedded H2 file may hold before it is compacted. */
    static final String H2_COMPACT_GROWTH = "sink.h2-compact-growth";
    /** PostgreSQL: how long a connection of ours may stay idle inside a transaction before the server ends it. */
    static final String IDLE_IN_TRANSACTION_TIMEOUT = "sink.idle-in-transaction-timeout";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final HikariDataSource owned;
    private final H2Compaction compaction;

    private Database(DataSource dataSource, Dialect dialect, HikariDataSource owned, H2Compaction compaction) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.owned = owned;
        this.compaction = compaction;
    }

    /** Our own pool on {@code sink.jdbc-url}; an embedded H2 file of it is compacted now and then. */
    static Database open(Settings settings) {
        HikariDataSource pool = openPool(settings);
        String url = settings.get("sink.jdbc-url");
        return new Database(pool, Dialect.forJdbcUrl(url), pool, H2Compaction.every(settings.getDuration(H2_COMPACT_INTERVAL),
                settings.getDouble(H2_COMPACT_GROWTH, 1, SettingsCheck.MAX_COMPACT_GROWTH), pool, url));
    }

    /** The host's DataSource; which database it is, its connections tell. */
    static Database host(DataSource dataSource, Settings settings) {
        if (!settings.get("sink.schema", "").isEmpty()) {
            throw new ConfigException("setting " + Settings.describe("sink.schema") + " cannot be combined with "
                    + Settings.describe("sink.data-source") + ": the host's DataSource decides the schema its connections use");
        }
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot connect to the DataSource named by sink.data-source: " + SqlFailures.reason(e));
        }
        return new Database(dataSource, Dialect.forJdbcUrl(url), null, null);
    }

    /** A connection pool on {@code sink.jdbc-url}; an unreachable database is a {@link DatabaseUnavailableException}. */
    public static HikariDataSource openPool(Settings settings) {
        String url = settings.get("sink.jdbc-url");
        try {
            if (url.startsWith("jdbc:h2:file:")) {
                Files.createDirectories(Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0]).toAbsolutePath().getParent());
            }
            return DataSources.create(url, settings.get("sink.jdbc-user", ""), settings.get("sink.jdbc-password", ""),
                    settings.getInt("sink.pool-size"), settings.get("sink.schema", ""),
                    settings.getDuration("sink.connection-timeout", MIN_CONNECTION_TIMEOUT),
                    settings.getDuration(IDLE_IN_TRANSACTION_TIMEOUT, Duration.ZERO));
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnavailableException("cannot connect to the database " + safeUrl(url) + ": " + rootMessage(e));
        } catch (SinkException e) {
            throw new DatabaseUnavailableException("database " + safeUrl(url) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot create the folder of " + url + ": " + e.getMessage());
        }
    }

    static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The innermost cause's message. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The database's connections; while an H2 file of ours is compacted, they wait. */
    public DataSource dataSource() {
        return guard(dataSource);
    }

    /**
     * The pool or host DataSource itself, for a wrapper that {@link #guard} then wraps in turn (a wrapper of our
     * own pool must see HikariCP).
     */
    DataSource unguarded() {
        return dataSource;
    }

    /** {@code wrapper} (of {@link #unguarded}), its connections held back while an H2 file of ours is compacted. */
    DataSource guard(DataSource wrapper) {
        return compaction == null ? wrapper : compaction.guard(wrapper);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Closes our own pool (its compaction first); a host's DataSource stays open. */
    @Override
    public void close() {
        if (compaction != null) {
            compaction.close();
        }
        if (owned != null) {
            owned.close();
        }
    }
}
