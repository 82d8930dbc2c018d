package io.centrasync.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The connection pool: HikariCP for H2 and PostgreSQL alike. */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(String url, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("centra-sync");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // fail in the constructor, with the driver's reason, when the database cannot be reached
        config.setInitializationFailTimeout(1);
        return new HikariDataSource(config);
    }
}
