package io.centrasync.app;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.centrasync.centra.Backoff;
import io.centrasync.centra.CentraHttpClients;
import io.centrasync.centra.Failures;
import io.centrasync.centra.PagePrefetcher;
import io.centrasync.centra.PageRequests;
import io.centrasync.centra.PageResponses;
import io.centrasync.centra.RateBudget;
import io.centrasync.centra.RateLimitsReader;
import io.centrasync.centra.RetryDelays;
import io.centrasync.centra.StoppableSleeper;
import io.centrasync.centra.TokenGate;
import io.centrasync.centra.TokenHealthCheck;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingException;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.mapping.PageMapper;
import io.centrasync.mapping.RateLimitsMapping;
import io.centrasync.sink.DataSources;
import io.centrasync.sink.Dialect;
import io.centrasync.sink.H2Compaction;
import io.centrasync.sink.OutageRetry;
import io.centrasync.sink.PageWriter;
import io.centrasync.sink.PendingRechecks;
import io.centrasync.sink.SchemaLock;
import io.centrasync.sink.SchemaManager;
import io.centrasync.sink.SnapshotTables;
import io.centrasync.sink.StoppingDataSource;
import io.centrasync.sink.SinkException;
import io.centrasync.sink.SystemTables;
import io.centrasync.state.Checkpoints;
import io.centrasync.state.DeadLetters;
import io.centrasync.state.RunMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.centrasync.state.SyncRun;
import io.centrasync.state.SyncRuns;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.Main;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Wires the connector: loads and validates the mappings, opens the database and prepares its
 * tables, binds the beans the YAML routes refer to, and starts Camel Main on {@code routes/}.
 * Shared by {@code sync}, {@code run} and {@code demo}; embedding hosts bind the same beans.
 */
public final class SyncApplication implements AutoCloseable {

    /** After a stop is asked for, how long what is left to write waits for a database connection. */
    private static final java.time.Duration STOP_CONNECTION_WAIT = java.time.Duration.ofSeconds(1);

    /** Route group of the routes made from the poll-entity template. */
    public static final String ROUTE_GROUP = "centra-sync";
    public static final String ROUTE_PREFIX = "centra-";
    static final String UTILIZATION = "centra.rate.utilization";
    /** How often an embedded H2 file is compacted while the process lives (see {@link H2Compaction}); zero: never. */
    static final String H2_COMPACT_INTERVAL = "sink.h2-compact-interval";
    /** The share of each rate-limit bucket used is at least this and at most 1. */
    static final double MIN_UTILIZATION = 0.01;
    /** HikariCP refuses a shorter connection timeout. */
    static final java.time.Duration MIN_CONNECTION_TIMEOUT = java.time.Duration.ofMillis(250);

    private final Main main;
    private final HikariDataSource dataSource;
    private final H2Compaction compaction;
    private final CloseableHttpClient httpClient;
    private final Map<String, EntityMapping> mappings;
    private final SyncRuns syncRuns;
    private final Parts parts;

    /** The beans this object uses after the start: health (token, runs, last successes) and the snapshot guard. */
    private record Parts(TokenGate tokenGate, RunMetrics metrics, Checkpoints checkpoints, SnapshotTables snapshots,
                         StoppingDataSource db) {
    }

    private SyncApplication(Main main, HikariDataSource dataSource, H2Compaction compaction, CloseableHttpClient httpClient,
                            Map<String, EntityMapping> mappings, SyncRuns syncRuns, Parts parts) {
        this.main = main;
        this.dataSource = dataSource;
        this.compaction = compaction;
        this.httpClient = httpClient;
        this.mappings = mappings;
        this.syncRuns = syncRuns;
        this.parts = parts;
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
        Path routesDir = existingDir(settings.get("routes.dir"), "routes.dir", "ROUTES_DIR");
        Map<String, EntityMapping> mappings = loadMappings(settings);
        HikariDataSource dataSource = openDatabase(settings);
        CloseableHttpClient http = null;
        try {
            Dialect dialect = Dialect.forJdbcUrl(settings.get("sink.jdbc-url"));
            SystemTables tables = Bookkeeping.tables(settings);
            SchemaManager schema = new SchemaManager(dataSource, dialect, tables);
            SchemaLock.during(dataSource, dialect, () -> {
                schema.ensureSystemTables();
                mappings.values().forEach(schema::ensure);
            });

            http = CentraHttpClients.create(token, settings.getDuration("centra.connect-timeout"),
                    settings.getDuration("centra.response-timeout"), settings.getInt("centra.max-connections"));
            Main main = new Main();
            AtomicBoolean stopRequested = new AtomicBoolean();
            OutageRetry outages = outageRetry(settings, main, stopRequested);
            StoppingDataSource db = new StoppingDataSource(dataSource, stopping(main, stopRequested), STOP_CONNECTION_WAIT);
            SnapshotTables snapshots = new SnapshotTables(settings.getDouble("sink.snapshot-max-shrink", 0, 1));
            Checkpoints checkpoints = new Checkpoints(db, dialect, tables, Bookkeeping.runHistory(settings, tables),
                    snapshots, outages);

            Properties props = settings.asProperties();
            props.setProperty("camel.main.routes-include-pattern", "file:" + routesDir.toString().replace('\\', '/') + "/*.camel.yaml");
            props.setProperty("camel.component.quartz.auto-start-scheduler", Boolean.toString(scheduled));
            props.setProperty("camel.management.enabled", Boolean.toString(observe));
            props.setProperty("camel.metrics.enabled", Boolean.toString(observe));
            main.setOverrideProperties(props);
            main.bind("centraHttpClient", http);
            main.bind("centraDataSource", dataSource);
            RunMetrics metrics = new RunMetrics(() -> main.getCamelContext() == null ? null
                    : main.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class));
            SyncRuns syncRuns = new SyncRuns(mappings, checkpoints, new PendingRechecks(db, outages), metrics,
                    Failures::describe, stopRequested);
            main.bind("syncRuns", syncRuns);
            main.bind("pageRequests", new PageRequests());
            main.bind("pagePrefetcher", new PagePrefetcher(settings.getBoolean("centra.prefetch") ? settings.getInt("centra.prefetch-pages") : 0));
            main.bind("pageResponses", new PageResponses());
            main.bind("pageMapper", new PageMapper());
            main.bind("pageWriter", new PageWriter(db, dialect, checkpoints, new DeadLetters(tables), outages));
            Failures failures = new Failures();
            main.bind("failures", failures);
            RateBudget budget = rateBudget(settings, http, main, stopRequested);
            main.bind("rateBudget", budget);
            main.bind("retryDelays", new RetryDelays(failures,
                    new Backoff(settings.getDuration("centra.retry-backoff"), settings.getDuration("centra.retry-backoff-max")),
                    settings.getDuration("centra.retry-after-cap"), budget, Clock.systemUTC(),
                    () -> ThreadLocalRandom.current().nextDouble()));
            TokenGate tokenGate = new TokenGate(Clock.systemUTC());
            main.bind("tokenGate", tokenGate);
            H2Compaction compaction = H2Compaction.every(settings.getDuration(H2_COMPACT_INTERVAL), dataSource,
                    settings.get("sink.jdbc-url"));
            return new SyncApplication(main, dataSource, compaction, http, mappings, syncRuns,
                    new Parts(tokenGate, metrics, checkpoints, snapshots, db));
        } catch (RuntimeException e) {
            dataSource.close();
            closeQuietly(http);
            throw e;
        }
    }

    /**
     * One budget for the endpoint, shared by every entity route. Its waits end when Camel begins to
     * stop, so a shutdown never waits for a rate-limit bucket to refill.
     */
    private static RateBudget rateBudget(Settings settings, CloseableHttpClient http, Main main, AtomicBoolean stopRequested) {
        RateBudget.Plan plan = new RateBudget.Plan(settings.getLong("centra.rate.requests-per-10s"),
                settings.getLong("centra.rate.requests-per-hour"), settings.getLong("centra.rate.complexity-per-10s"),
                settings.getLong("centra.rate.complexity-per-hour"), settings.getDouble(UTILIZATION, MIN_UTILIZATION, 1));
        RateLimitsReader limits = settings.getBoolean("centra.rate.read-limits")
                ? new RateLimitsReader(http, URI.create(settings.get("centra.endpoint")), rateLimitsMapping(settings)) : null;
        return new RateBudget(plan, System::currentTimeMillis, new StoppableSleeper(stopping(main, stopRequested)), limits);
    }

    /** The rateLimits query and Centra's names for its buckets: the mapping folder's, else the built-in one. */
    private static RateLimitsMapping rateLimitsMapping(Settings settings) {
        try {
            return RateLimitsMapping.load(Path.of(settings.get("mappings.dir")));
        } catch (MappingException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Database outages during a run: each step is repeated with backoff for up to sink.outage-timeout.
     * A shutdown ends the wait, so SIGTERM is not held up by a database that is away.
     */
    private static OutageRetry outageRetry(Settings settings, Main main, AtomicBoolean stopRequested) {
        OutageRetry.Policy policy;
        try {
            policy = new OutageRetry.Policy(settings.getDuration("sink.outage-timeout"), settings.getDuration("sink.retry-backoff"),
                    settings.getDuration("sink.retry-backoff-max"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sink.outage-timeout, sink.retry-backoff, sink.retry-backoff-max: " + e.getMessage());
        }
        return new OutageRetry(policy, stopping(main, stopRequested));
    }

    /** True once Camel begins to stop or a stop is requested: long waits (rate budget, database outage) end then. */
    private static java.util.function.BooleanSupplier stopping(Main main, AtomicBoolean stopRequested) {
        return () -> {
            CamelContext context = main.getCamelContext();
            return stopRequested.get() || (context != null && (context.isStopping() || context.isStopped()));
        };
    }

    /** The next snapshots of these entities may remove any share of their tables' rows ({@code sync --allow-shrink}). */
    public void allowShrink(List<String> entities) {
        parts.snapshots().allowShrink(entities);
    }

    /** Ends every page loop after the page in hand (see {@link SyncRuns#more}). */
    public void requestStop() {
        syncRuns.requestStop();
    }

    /** Whether a stop was asked for: no further run should start. */
    public boolean stopRequested() {
        return syncRuns.stopRequested();
    }

    /** Starts Camel (routes loaded and validated) without blocking. */
    public void start() {
        try {
            main.start();
        } catch (Exception e) {
            throw new ConfigException("cannot start the routes: " + RouteFiles.describe(e));
        }
        if (main.getCamelContext() == null || main.getCamelContext().getRoutes().isEmpty()) {
            throw new ConfigException("no routes were loaded from the routes folder");
        }
        for (String entity : entities()) {
            if (!mappings.containsKey(entity)) {
                throw new ConfigException("route " + ROUTE_PREFIX + entity + " has no mapping: expected " + entity + ".yaml in the mappings folder");
            }
        }
        HealthCheckRegistry checks = HealthCheckRegistry.get(main.getCamelContext());
        if (checks != null) {
            checks.register(new TokenHealthCheck(parts.tokenGate()));
            checks.register(new RunsHealthCheck(parts.metrics()));
        }
        parts.metrics().known(entities(), parts.checkpoints().lastSuccesses());
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
        List<String> entities = new ArrayList<>();
        for (Route route : context().getRoutes()) {
            if (ROUTE_GROUP.equals(route.getGroup()) && route.getRouteId().startsWith(ROUTE_PREFIX)) {
                entities.add(route.getRouteId().substring(ROUTE_PREFIX.length()));
            }
        }
        return entities;
    }

    /** Whether Centra refused the token (HTTP 403) and no run has tried it again since. */
    public boolean tokenRefused() {
        return parts.tokenGate().refusal().isPresent();
    }

    public Map<String, EntityMapping> mappings() {
        return mappings;
    }

    /**
     * Runs one entity now, exactly as a Quartz fire would: a fresh exchange through the route's own
     * pipeline (error handling included). Returns the run, with the failure if it failed.
     */
    public RunResult runOnce(String entity, boolean full) {
        Route route = context().getRoute(ROUTE_PREFIX + entity);
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
        if (run == null && failure == null && parts.tokenGate().refusal().isPresent()) {
            return new RunResult(entity, null, "not run: Centra refused the token to " + parts.tokenGate().refusal().get().entity());
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
        try (var c = parts.db().getConnection(); var s = c.createStatement()) {
            for (var table : mappings.get(entity).tables()) {
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
        closeQuietly(httpClient);
        compaction.close();
        dataSource.close();
    }

    /** What one entity run did. {@code error} is a one-line description, or null on success. */
    public record RunResult(String entity, SyncRun run, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** The mappings of {@code mappings.dir}, validated; a problem is a {@link ConfigException} naming file and line. */
    static Map<String, EntityMapping> loadMappings(Settings settings) {
        Path dir = existingDir(settings.get("mappings.dir"), "mappings.dir", "MAPPINGS_DIR");
        try {
            Map<String, EntityMapping> byEntity = new LinkedHashMap<>();
            for (EntityMapping m : MappingLoader.loadAll(dir)) {
                byEntity.put(m.entity(), m);
            }
            return byEntity;
        } catch (MappingException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The connection pool; an unreachable database is a {@link DatabaseUnavailableException}. */
    static HikariDataSource openDatabase(Settings settings) {
        String url = settings.get("sink.jdbc-url");
        try {
            if (url.startsWith("jdbc:h2:file:")) {
                Files.createDirectories(Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0]).toAbsolutePath().getParent());
            }
            return DataSources.create(url, settings.get("sink.jdbc-user", ""), settings.get("sink.jdbc-password", ""),
                    settings.getInt("sink.pool-size"), settings.get("sink.schema", ""), connectionTimeout(settings));
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnavailableException("cannot connect to the database " + safeUrl(url) + ": " + rootMessage(e));
        } catch (SinkException e) {
            throw new DatabaseUnavailableException("database " + safeUrl(url) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot create the folder of " + url + ": " + e.getMessage());
        }
    }

    private static java.time.Duration connectionTimeout(Settings settings) {
        return settings.getDuration("sink.connection-timeout", MIN_CONNECTION_TIMEOUT);
    }

    static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static Path existingDir(String dir, String key, String env) {
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new ConfigException(key + ": folder '" + dir + "' does not exist (run from the project folder or set " + env + ")");
        }
        return path;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing useful to do
            }
        }
    }
}
