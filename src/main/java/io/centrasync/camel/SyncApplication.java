package io.centrasync.camel;

import io.centrasync.centra.Failures;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.run.ConfigException;
import io.centrasync.run.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.main.Main;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The standalone connector: a Camel Main of its own around {@link CentraSyncConfiguration}, the same assembly a host
 * application uses, plus what only a process of its own sets (its context name, shutdown, health and metrics for
 * {@code run}). Shared by {@code sync}, {@code run} and {@code demo}.
 */
public final class SyncApplication implements AutoCloseable {

    private final Main main;
    private final Connector connector;

    private SyncApplication(Main main, Connector connector) {
        this.main = main;
        this.connector = connector;
    }

    /**
     * Prepares everything; {@code scheduled} starts the Quartz schedules, otherwise runs only happen
     * through {@link #runOnce}.
     */
    public static SyncApplication create(Settings settings, String token, boolean scheduled) {
        SettingsCheck.check(settings);
        // health and metrics only for the long-running `run`; `sync` and `demo` open no port
        boolean observe = scheduled && settings.getBoolean("observe.enabled");
        if (observe) {
            ManagementPort.checkFree(settings);
        }
        Connector connector = Connector.open(settings, token, scheduled, null);
        Main main = new Main();
        Properties props = settings.asProperties();
        props.setProperty("camel.management.enabled", Boolean.toString(observe));
        props.setProperty("camel.metrics.enabled", Boolean.toString(observe));
        main.setOverrideProperties(props);
        main.configure().addConfiguration(new CentraSyncConfiguration(connector));
        return new SyncApplication(main, connector);
    }

    /** The next snapshots of these entities may remove any share of their tables' rows ({@code sync --allow-shrink}). */
    public void allowShrink(List<String> entities) {
        connector.snapshots().allowShrink(entities);
    }

    /** Ends every page loop after the page in hand (see {@link SyncRuns#more}). */
    public void requestStop() {
        connector.requestStop();
    }

    /** Whether a stop was asked for: no further run should start. */
    public boolean stopRequested() {
        return connector.stopRequested();
    }

    /** Starts Camel (routes loaded and validated) without blocking. */
    public void start() {
        try {
            main.start();
        } catch (Exception e) {
            ConfigException config = configException(e);
            throw config != null ? config : new ConfigException("cannot start the routes: " + RouteFiles.describe(e));
        }
        if (main.getCamelContext() == null || entities().isEmpty()) {
            throw new ConfigException("no entity routes were loaded (poll-entity instances in the routes)");
        }
    }

    private static ConfigException configException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }

    /** Blocks until SIGTERM / Ctrl-C, running the schedules. */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Entities in route order, from the routes made from the poll-entity template. */
    public List<String> entities() {
        return CentraRoutes.entities(context());
    }

    /** Whether Centra refused the token (HTTP 403) and no run has tried it again since. */
    public boolean tokenRefused() {
        return connector.tokenGate().refusal().isPresent();
    }

    public Map<String, EntityMapping> mappings() {
        return connector.mappings();
    }

    /**
     * Runs one entity now, exactly as a Quartz fire would: a fresh exchange through the route's own
     * pipeline (error handling included). Returns the run, with the failure if it failed.
     */
    public RunResult runOnce(String entity, boolean full) {
        Route route = CentraRoutes.route(context(), entity);
        if (route == null) {
            throw new ConfigException("unknown entity '" + entity + "'; known: " + String.join(", ", entities()));
        }
        Consumer consumer = route.getConsumer();
        Exchange exchange = consumer.createExchange(false);
        exchange.setVariable("full", full);
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Throwable failure = exchange.getException();
        SyncRun run = exchange.getVariable("run", SyncRun.class);
        if (run == null && failure == null && connector.tokenGate().refusal().isPresent()) {
            return new RunResult(entity, null, "not run: Centra refused the token to " + connector.tokenGate().refusal().get().entity());
        }
        // EXCEPTION_CAUGHT alone is no failure: it stays set after a retry that succeeded
        if (failure == null && exchange.getExchangeExtension().isFailureHandled()) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (run != null && "interrupted".equals(run.status())) {
            return new RunResult(entity, run, "stopped after page " + run.pages() + "; the next sync resumes there");
        }
        return new RunResult(entity, run, failure == null ? null
                : run != null && run.failure() != null ? run.failure() : Failures.describe(failure));
    }

    /** Row counts of an entity's tables, for the summary. */
    public Map<String, Long> tableCounts(String entity) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var c = connector.db().getConnection(); var s = c.createStatement()) {
            for (var table : connector.mappings().get(entity).tables()) {
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + table.name())) {
                    rs.next();
                    counts.put(table.name(), rs.getLong(1));
                }
            }
        } catch (java.sql.SQLException e) {
            counts.put("(count failed: " + e.getMessage() + ")", -1L);
        }
        return counts;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception ignored) {
            // shutting down anyway
        }
        // stopped with the context; also when the context never started
        connector.close();
    }

    /** What one entity run did. {@code error} is a one-line description, or null on success. */
    public record RunResult(String entity, SyncRun run, String error) {
        public boolean ok() {
            return error == null;
        }
    }
}
