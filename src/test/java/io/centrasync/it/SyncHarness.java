package io.centrasync.it;

import io.centrasync.app.Settings;
import io.centrasync.app.SyncApplication;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** A simulator, a private database and a connector wired to both, for end-to-end tests. */
public final class SyncHarness implements AutoCloseable {

    public static final String TOKEN = "test-token-5f1c9a";

    public final CentraSimulator simulator;
    public final String jdbcUrl;
    private final String mappingsDir;
    private final Properties overrides = new Properties();

    public SyncHarness(int orders, String mappingsDir) {
        this(CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(orders).withToken(TOKEN)),
                "jdbc:h2:mem:it-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", mappingsDir);
    }

    public SyncHarness(CentraSimulator simulator, String jdbcUrl, String mappingsDir) {
        this.simulator = simulator;
        this.jdbcUrl = jdbcUrl;
        this.mappingsDir = mappingsDir;
    }

    public Settings settings() {
        Properties p = Settings.load(Map.of(), new Properties()).asProperties();
        p.setProperty("centra.endpoint", simulator.endpoint());
        p.setProperty("sink.jdbc-url", jdbcUrl);
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
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String table) {
        return ((Number) query("SELECT COUNT(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
