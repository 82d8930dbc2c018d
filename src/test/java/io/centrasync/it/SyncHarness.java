package io.centrasync.it;

import io.centrasync.camel.Settings;
import io.centrasync.camel.SyncApplication;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import io.centrasync.testdb.TestDatabase;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A simulator, a private database (H2 or a PostgreSQL schema) and a connector wired to both, for end-to-end tests. */
public final class SyncHarness implements AutoCloseable {

    public static final String TOKEN = "test-token-5f1c9a";

    public final CentraSimulator simulator;
    public final TestDatabase database;
    /** The database's JDBC URL, for tests that drive the command line through environment variables (H2 ones). */
    public final String jdbcUrl;
    private final String mappingsDir;
    private final Properties overrides = new Properties();

    /** On a fresh in-memory H2 database. */
    public SyncHarness(int orders, String mappingsDir) {
        this(orders, mappingsDir, TestDatabase.h2());
    }

    /** On the given database, which the harness closes (drops) with itself. */
    public SyncHarness(int orders, String mappingsDir, TestDatabase database) {
        this(CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(orders).withToken(TOKEN)), database, mappingsDir);
    }

    public SyncHarness(CentraSimulator simulator, TestDatabase database, String mappingsDir) {
        this.simulator = simulator;
        this.database = database;
        this.jdbcUrl = database.jdbcUrl();
        this.mappingsDir = mappingsDir;
    }

    public Settings settings() {
        Properties p = Settings.load(Map.of(), new Properties()).asProperties();
        p.setProperty("centra.endpoint", simulator.endpoint());
        database.applyTo(p);
        p.setProperty("mappings.dir", mappingsDir);
        p.setProperty("centra.retries", "2");
        // short waits between retries; the rateLimits query off, so injected faults hit page requests
        p.setProperty("centra.retry-backoff", "PT0.05S");
        p.setProperty("centra.retry-backoff-max", "PT0.2S");
        p.setProperty("centra.rate.read-limits", "false");
        p.putAll(overrides);
        return Settings.of(p);
    }

    /** Changes a setting for the connectors this harness starts from now on. */
    public SyncHarness set(String key, String value) {
        overrides.setProperty(key, value);
        return this;
    }

    /** Back to the harness's own settings. */
    public void clearOverrides() {
        overrides.clear();
    }

    /** A started connector; close it after use. */
    public SyncApplication app() {
        return app(TOKEN);
    }

    /** A started connector that sends {@code token}; close it after use. */
    public SyncApplication app(String token) {
        SyncApplication app = SyncApplication.create(settings(), token, false);
        app.start();
        return app;
    }

    /** One sync of one entity with a fresh connector, as the CLI does it. */
    public SyncApplication.RunResult sync(String entity, boolean full) {
        try (SyncApplication app = app()) {
            return app.runOnce(entity, full);
        }
    }

    public List<Map<String, Object>> query(String sql) {
        return database.query(sql);
    }

    public long count(String table) {
        return ((Number) query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    @Override
    public void close() {
        try {
            simulator.close();
        } finally {
            database.close();
        }
    }
}
