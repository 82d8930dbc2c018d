package io.centrasync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.Locale;

/**
 * The connection pool: HikariCP for H2 and PostgreSQL alike. With a {@code schema}, every pooled
 * connection works in that schema (Hikari calls {@code Connection.setSchema}, which is
 * {@code SET SCHEMA} on H2 and {@code search_path} on PostgreSQL), so our unqualified table names
 * and metadata lookups land there; the schema is created first when it is missing.
 */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(String url, String user, String password, int maxPoolSize) {
        return create(url, user, password, maxPoolSize, "", Duration.ofSeconds(10));
    }

    public static HikariDataSource create(String url, String user, String password, int maxPoolSize, String schema) {
        return create(url, user, password, maxPoolSize, schema, Duration.ofSeconds(10));
    }

    /**
     * @param schema            empty for the connection's default schema; else a lower-case SQL name, created if missing
     * @param connectionTimeout how long one request for a connection waits, e.g. while the database is down (at least 250 ms)
     * @throws SinkException when the schema cannot be checked or created
     * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException when the database cannot be reached
     */
    public static HikariDataSource create(String url, String user, String password, int maxPoolSize, String schema,
                                          Duration connectionTimeout) {
        return create(url, user, password, maxPoolSize, schema, connectionTimeout, Duration.ZERO);
    }

    /**
     * @param idleInTransaction PostgreSQL: a connection of ours that stays idle inside a transaction this long is ended
     *                          by the server, which rolls the transaction back and releases its row locks: a paused
     *                          or hung node cannot hold up the node that takes its run over (zero: never)
     */
    public static HikariDataSource create(String url, String user, String password, int maxPoolSize, String schema,
                                          Duration connectionTimeout, Duration idleInTransaction) {
        String jdbcUrl = withDriverDefaults(url);
        Dialect dialect = Dialect.forJdbcUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("centra-sync");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        // one connection writes pages; the others serve run bookkeeping and the summary
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // fail in the constructor, with the driver's reason, when the database cannot be reached
        config.setInitializationFailTimeout(1);
        if (dialect instanceof PostgresDialect) {
            // shows who is connected in pg_stat_activity; TCP keepalive notices a dead peer behind a NAT or firewall
            config.addDataSourceProperty("ApplicationName", applicationName(RunOwner.current()));
            config.addDataSourceProperty("tcpKeepAlive", "true");
            // Plan every key lookup with its actual values. pgjdbc prepares repeated statements on the server,
            // and PostgreSQL then caches a generic plan made while a backfill's tables were still empty: a
            // sequential scan that every later page would repeat on an ever larger table. (PostgreSQL 12+)
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan"
                    + (idleInTransaction.isZero() ? "" : "; SET idle_in_transaction_session_timeout = " + idleInTransaction.toMillis()));
        }
        if (schema != null && !schema.isEmpty()) {
            DatabaseSchemas.createIfMissing(jdbcUrl, user, password, schema, dialect);
            config.setSchema(dialect.metadataName(schema));
        }
        return new HikariDataSource(config);
    }

    /**
     * How our PostgreSQL sessions name their process in {@code pg_stat_activity} ({@code centra-sync <node> <pid>}): a node
     * that takes over a run can end the sessions of the process that held it ({@link RunLeases}).
     */
    static String applicationName(RunOwner owner) {
        String name = "centra-sync " + owner.node() + " " + owner.pid();
        return name.length() <= 63 ? name : "centra-sync " + owner.node().substring(0, Math.max(0, 63 - 13 - Long.toString(owner.pid()).length()))
                + " " + owner.pid();
    }

    /** The URL with the driver settings we rely on, unless the URL sets them itself. */
    static String withDriverDefaults(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return withH2Defaults(url);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return withPostgresDefaults(url);
        }
        return url;
    }

    /**
     * H2 closes a file database from its own JVM shutdown hook, which would cut a graceful SIGTERM
     * stop short in the middle of a page; we close the pool ourselves instead (H2 refuses this
     * together with AUTO_SERVER=TRUE, so such a URL keeps H2's hook).
     *
     * <p>An embedded H2 file writes commits to disk up to WRITE_DELAY (500 ms) later; a kill -9 in
     * that window loses pages that were already committed, and their checkpoint with them.
     * WRITE_DELAY=0 writes each commit at once (a page's worth of rows per write), so a killed
     * process loses nothing it committed. A URL that sets either itself keeps its own.
     */
    static String withH2Defaults(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        String withDefaults = url;
        if (!upper.contains("DB_CLOSE_ON_EXIT") && !upper.contains("AUTO_SERVER=TRUE")) {
            withDefaults += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (embeddedH2File(upper) && !upper.contains("WRITE_DELAY")) {
            withDefaults += ";WRITE_DELAY=0";
        }
        return withDefaults;
    }

    /**
     * pgjdbc sends a JDBC batch as one statement per row unless {@code reWriteBatchedInserts} lets it
     * fold the rows into multi-row {@code INSERT ... VALUES (...), (...)}: several times faster for our
     * page writes (ON CONFLICT upserts included).
     */
    static String withPostgresDefaults(String url) {
        if (url.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** jdbc:h2:file:..., jdbc:h2:./x, jdbc:h2:~/x: a file this process opens (not mem:, not a server's), URL in upper case. */
    static boolean embeddedH2File(String upperUrl) {
        if (!upperUrl.startsWith("JDBC:H2:")) {
            return false;
        }
        String rest = upperUrl.substring("JDBC:H2:".length());
        return !(rest.startsWith("MEM:") || rest.startsWith("TCP:") || rest.startsWith("SSL:") || rest.startsWith("ZIP:"));
    }
}
