package io.centrasync.camel;

import io.centrasync.centra.Backoff;
import io.centrasync.centra.CentraEvents;
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
import io.centrasync.mapping.RateLimitsMapping;
import io.centrasync.run.ConfigException;
import io.centrasync.run.PageMapper;
import io.centrasync.store.Checkpoints;
import io.centrasync.store.DeadLetters;
import io.centrasync.store.OutageRetry;
import io.centrasync.store.PageWriter;
import io.centrasync.store.PendingRechecks;
import io.centrasync.store.SchemaLock;
import io.centrasync.store.SchemaManager;
import io.centrasync.store.SnapshotTables;
import io.centrasync.store.RunLeases;
import io.centrasync.store.StoppingDataSource;
import io.centrasync.store.SystemTables;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The connector's parts for one CamelContext: mappings, database, Centra client and the beans the routes call.
 * Built from settings alone ({@link #open}), then bound to a context ({@link #bindTo}): beans under our own
 * {@code centra*} names, a Quartz component of our own ({@code centra-quartz}, its own scheduler), and our routes.
 * Nothing of the context itself is changed. It stops with the context, closing what it opened.
 */
public final class Connector extends ServiceSupport {

    /** After a stop is asked for, how long what is left to write waits for a database connection. */
    private static final Duration STOP_CONNECTION_WAIT = Duration.ofSeconds(1);
    /** Our Quartz component's name: the host's {@code quartz} component and scheduler stay theirs. */
    public static final String QUARTZ = "centra-quartz";

    private final Settings settings;
    private final Map<String, EntityMapping> mappings;
    private final Database database;
    private final CloseableHttpClient http;
    private final boolean scheduled;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CamelContext context;

    private DataSource db;
    private Checkpoints checkpoints;
    private SnapshotTables snapshots;
    private SyncRuns syncRuns;
    private TokenGate tokenGate;
    private RunMetrics metrics;
    /** several stores: the run slots they share (see RunSlots); else null */
    private RunSlots runSlots;
    /** where our health checks go: the context's own registry unless set (several stores: the process's) */
    private HealthCheckRegistry healthChecks;
    /** cluster.enabled: the runs' signs of life and the takeover rule; else null */
    private RunLeases leases;
    private RateBudget budget;
    /** the HTTP client's listener: no one until the metrics exist (see bindTo) */
    private final AtomicReference<CentraEvents> events;

    private Connector(Settings settings, Map<String, EntityMapping> mappings, Database database, CloseableHttpClient http,
                      boolean scheduled, AtomicReference<CentraEvents> events) {
        this.events = events;
        this.settings = settings;
        this.mappings = mappings;
        this.database = database;
        this.http = http;
        this.scheduled = scheduled;
    }

    /**
     * Checks the settings, loads the mappings, opens the database (the host's {@code hostDataSource} when given)
     * and prepares its tables. {@code scheduled}: Quartz fires the entity routes; otherwise they run when asked.
     */
    public static Connector open(Settings settings, String token, boolean scheduled, DataSource hostDataSource) {
        SettingsCheck.checkConnector(settings);
        Map<String, EntityMapping> mappings = loadMappings(settings);
        Database database = hostDataSource != null ? Database.host(hostDataSource, settings) : Database.open(settings);
        CloseableHttpClient http = null;
        try {
            SystemTables tables = Bookkeeping.tables(settings);
            SchemaManager schema = new SchemaManager(database.dataSource(), database.dialect(), tables);
            SchemaLock.during(database.dataSource(), database.dialect(), () -> {
                schema.ensureSystemTables();
                mappings.values().forEach(schema::ensure);
                if (ClusterScheduler.enabled(settings)) {
                    ClusterScheduler.prepare(settings, database.dialect(), database.dataSource());
                }
            });
            AtomicReference<CentraEvents> events = new AtomicReference<>(CentraEvents.NONE);
            http = CentraHttpClients.create(token, settings.getDuration("centra.connect-timeout"),
                    settings.getDuration("centra.response-timeout"), settings.getInt("centra.max-connections"), events::get);
            return new Connector(settings, mappings, database, http, scheduled, events);
        } catch (RuntimeException e) {
            database.close();
            closeQuietly(http);
            throw e;
        }
    }

    /** Shares {@code slots} with the other stores of the process: their runs at once are bounded together. */
    void shareRunSlots(RunSlots slots) {
        this.runSlots = slots;
    }

    /** Registers our health checks in {@code registry} (the process's, for one of several stores) instead of the context's. */
    public void reportHealthTo(HealthCheckRegistry registry) {
        this.healthChecks = registry;
    }

    /** Binds the beans and our Quartz component to {@code camelContext}, and loads our routes into it. */
    public void bindTo(CamelContext camelContext) throws Exception {
        this.context = camelContext;
        BooleanSupplier stopping = this::stopping;
        OutageRetry outages = outageRetry(settings, stopping);
        db = database.guard(new StoppingDataSource(database.unguarded(), stopping, STOP_CONNECTION_WAIT));
        snapshots = new SnapshotTables(settings.getDouble("sink.snapshot-max-shrink", 0, 1));
        SystemTables tables = Bookkeeping.tables(settings);
        checkpoints = new Checkpoints(db, database.dialect(), tables, Bookkeeping.runHistory(settings, tables), snapshots, outages);
        metrics = new RunMetrics(() -> camelContext.getRegistry().findSingleByType(MeterRegistry.class));
        leases = ClusterScheduler.enabled(settings)
                ? new RunLeases(db, database.dialect(), tables, settings.getDuration(ClusterScheduler.CHECKIN_INTERVAL)) : null;
        syncRuns = new SyncRuns(mappings, checkpoints, new PendingRechecks(db, outages), metrics, Failures::describe, stopRequested,
                RunProgress.forThisProcess(settings.getDuration("log.progress-interval").toMillis()), leases);
        if (runSlots != null) {
            syncRuns.shareRunSlots(runSlots);
        }
        tokenGate = new TokenGate(Clock.systemUTC());
        Failures failures = new Failures();
        budget = rateBudget(stopping);
        events.set(metrics);

        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("centraHttpClient", http);
        beans.put("centraSyncRuns", syncRuns);
        beans.put("centraPageRequests", new PageRequests());
        beans.put("centraPagePrefetcher", new PagePrefetcher(settings.getBoolean("centra.prefetch") ? settings.getInt("centra.prefetch-pages") : 0));
        beans.put("centraPageResponses", new PageResponses());
        beans.put("centraPageMapper", new PageMapper());
        beans.put("centraPageWriter", new PageWriter(db, database.dialect(), checkpoints, new DeadLetters(tables), outages));
        beans.put("centraFailures", failures);
        beans.put("centraRateBudget", budget);
        beans.put("centraRetryDelays", new RetryDelays(failures,
                new Backoff(settings.getDuration("centra.retry-backoff"), settings.getDuration("centra.retry-backoff-max")),
                settings.getDuration("centra.retry-after-cap"), budget, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble())
                .events(metrics));
        beans.put("centraTokenGate", tokenGate);
        beans.put(QUARTZ, quartz(camelContext));
        beans.forEach(camelContext.getRegistry()::bind);
        camelContext.addService(this, true, true);
        CentraRoutes.load(camelContext, settings);
    }

    /**
     * A Quartz component of our own with a scheduler of its own name: a second component with Quartz's default name
     * would share the host's scheduler (Quartz keeps one per name), and our stop would stop theirs.
     */
    private QuartzComponent quartz(CamelContext camelContext) {
        QuartzComponent quartz = new QuartzComponent(camelContext);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("org.quartz.scheduler.instanceName", "centra-sync-" + Integer.toHexString(System.identityHashCode(this)));
        properties.put("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.put("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, mappings.size())));
        properties.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        if (ClusterScheduler.enabled(settings)) {
            properties.putAll(ClusterScheduler.properties(settings, database.unguarded()));
        }
        quartz.setProperties(properties);
        quartz.setPrefixInstanceName(false);
        quartz.setAutoStartScheduler(scheduled);
        return quartz;
    }

    @Override
    protected void doStart() {
        for (String entity : CentraRoutes.entities(context)) {
            if (!mappings.containsKey(entity)) {
                throw new ConfigException("route " + CentraRoutes.routeId(entity) + " has no mapping: expected " + entity
                        + ".yaml in the mappings folder");
            }
        }
        HealthCheckRegistry checks = healthChecks != null ? healthChecks : HealthCheckRegistry.get(context);
        if (checks != null) {
            String store = settings.get(Stores.STORE, "");
            String suffix = store.isEmpty() ? "" : "-" + store;
            checks.register(new TokenHealthCheck(tokenGate, suffix));
            checks.register(new RunsHealthCheck(metrics, database.dataSource(), suffix));
        }
        metrics.known(CentraRoutes.entities(context), checkpoints.lastSuccesses());
        for (String entity : CentraRoutes.entities(context)) {
            metrics.watermark(entity, checkpoints.watermark(entity));
        }
        metrics.budget(budget);
    }

    @Override
    protected void doStop() {
        close();
    }

    /** Closes what {@link #open} opened, also when the context never started; once (the context's stop may come first). */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        requestStop();
        if (leases != null) {
            leases.close();
        }
        closeQuietly(http);
        database.close();
    }

    /** True once Camel begins to stop or a stop is requested: long waits (rate budget, database outage) end then. */
    private boolean stopping() {
        CamelContext c = context;
        return stopRequested.get() || (c != null && (c.isStopping() || c.isStopped()));
    }

    /**
     * One budget for the endpoint, shared by every entity route. Its waits end when Camel begins to
     * stop, so a shutdown never waits for a rate-limit bucket to refill.
     */
    private RateBudget rateBudget(BooleanSupplier stopping) {
        RateBudget.Plan plan = new RateBudget.Plan(settings.getLong("centra.rate.requests-per-10s"),
                settings.getLong("centra.rate.requests-per-hour"), settings.getLong("centra.rate.complexity-per-10s"),
                settings.getLong("centra.rate.complexity-per-hour"), settings.getDouble(Settings.UTILIZATION, Settings.MIN_UTILIZATION, 1));
        RateLimitsReader limits = settings.getBoolean("centra.rate.read-limits")
                ? new RateLimitsReader(http, URI.create(settings.get("centra.endpoint")), rateLimitsMapping()) : null;
        return new RateBudget(plan, System::currentTimeMillis, new StoppableSleeper(stopping), limits);
    }

    /** The rateLimits query and Centra's names for its buckets: the mapping folder's, else the built-in one. */
    private RateLimitsMapping rateLimitsMapping() {
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
    private static OutageRetry outageRetry(Settings settings, BooleanSupplier stopping) {
        OutageRetry.Policy policy;
        try {
            policy = new OutageRetry.Policy(settings.getDuration("sink.outage-timeout"), settings.getDuration("sink.retry-backoff"),
                    settings.getDuration("sink.retry-backoff-max"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sink.outage-timeout, sink.retry-backoff, sink.retry-backoff-max: " + e.getMessage());
        }
        return new OutageRetry(policy, stopping);
    }

    /** The mappings of {@code mappings.dir}, validated; a problem is a {@link ConfigException} naming file and line. */
    public static Map<String, EntityMapping> loadMappings(Settings settings) {
        return Mappings.load(settings);
    }

    /** Ends every page loop after the page in hand (see {@link SyncRuns#more}). */
    public void requestStop() {
        if (syncRuns != null) {
            syncRuns.requestStop();
        }
        stopRequested.set(true);
    }

    public boolean stopRequested() {
        return stopRequested.get();
    }

    public Map<String, EntityMapping> mappings() {
        return mappings;
    }

    public DataSource db() {
        return db;
    }

    public TokenGate tokenGate() {
        return tokenGate;
    }

    public SnapshotTables snapshots() {
        return snapshots;
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
    }
}
