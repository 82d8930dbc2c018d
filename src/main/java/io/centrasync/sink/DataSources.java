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
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String withDefaults = url;
        if (!upper.contains("DB_CLOSE_ON_EXIT") && !upper.contains("AUTO_SERVER=TRUE")) {
            withDefaults += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (embeddedFile(upper) && !upper.contains("WRITE_DELAY")) {
            withDefaults += ";WRITE_DELAY=0";
        }
        return withDefaults;
    }

    /** jdbc:h2:file:..., jdbc:h2:./x, jdbc:h2:~/x: a file this process opens (not mem:, not a server's). */
    private static boolean embeddedFile(String upperUrl) {
        String rest = upperUrl.substring("JDBC:H2:".length());
        return !(rest.startsWith("MEM:") || rest.startsWith("TCP:") || rest.startsWith("SSL:") || rest.startsWith("ZIP:"));
    }
}
