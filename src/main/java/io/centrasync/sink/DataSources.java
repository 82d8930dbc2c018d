package io.centrasync.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

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
        return create(url, user, password, maxPoolSize, "");
    }

    /**
     * @param schema empty for the connection's default schema; else a lower-case SQL name, created if missing
     * @throws SinkException when the schema cannot be checked or created
     * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException when the database cannot be reached
     */
    public static HikariDataSource create(String url, String user, String password, int maxPoolSize, String schema) {
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
        config.setConnectionTimeout(10_000);
        // fail in the constructor, with the driver's reason, when the database cannot be reached
        config.setInitializationFailTimeout(1);
        if (dialect instanceof PostgresDialect) {
            // shows who is connected in pg_stat_activity; TCP keepalive notices a dead peer behind a NAT or firewall
            config.addDataSourceProperty("ApplicationName", "centra-sync");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            // Plan every key lookup with its actual values. pgjdbc prepares repeated statements on the server,
            // and PostgreSQL then caches a generic plan made while a backfill's tables were still empty: a
            // sequential scan that every later page would repeat on an ever larger table. (PostgreSQL 12+)
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        if (schema != null && !schema.isEmpty()) {
            DatabaseSchemas.createIfMissing(jdbcUrl, user, password, schema, dialect);
            config.setSchema(dialect.metadataName(schema));
        }
        return new HikariDataSource(config);
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
     * stop short in the middle of a page; we close the pool ourselves instead.
     */
    static String withH2Defaults(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
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
}
