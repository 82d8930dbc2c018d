package io.centrasync.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;

/** The connection pool: HikariCP for H2 and PostgreSQL alike. */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(String url, String user, String password, int maxPoolSize) {
        return create(url, user, password, maxPoolSize, Duration.ofSeconds(10));
    }

    /** {@code connectionTimeout}: how long one request for a connection waits, e.g. while the database is down (at least 250 ms). */
    public static HikariDataSource create(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("centra-sync");
        config.setJdbcUrl(withH2Defaults(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // fail in the constructor, with the driver's reason, when the database cannot be reached
        config.setInitializationFailTimeout(1);
        return new HikariDataSource(config);
    }

    /**
     * H2 closes a file database from its own JVM shutdown hook, which would cut a graceful SIGTERM
     * stop short in the middle of a page; we close the pool ourselves instead.
     */
    static String withH2Defaults(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }
}
