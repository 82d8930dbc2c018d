package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import io.centrasync.store.SchemaDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.main.Main;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * {@code run} for several stores in one process: each store is a connector in a CamelContext of its own (its routes,
 * schedules, HTTP client, token and rate budget), named after the store; stores on the same database share one
 * connection pool, each in its own schema. One Camel Main serves the health and metrics of all of them: checks
 * {@code centra-token-<store>} and {@code centra-runs-<store>}, meters tagged {@code store}. A store that cannot start
 * (bad mapping, no token, its database away) is logged and reported down; the others run.
 */
public final class StoreFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFleet.class);
    /** How long stopping the stores may take in all: Docker's grace is 10 s. */
    private static final long STOP_SECONDS = 9;
    /** How many entity runs the stores may have at once, all together. */
    static final String MAX_CONCURRENT_RUNS = "stores.max-concurrent-runs";
    /** CamelContexts started at once: loading routes is CPU work. */
    private static final int STARTING_THREADS = 4;

    private final Main main;
    private final Settings common;
    /** each store's settings, by name, in declaration order */
    private final Map<String, Settings> storeSettings;
    private final Map<String, String> env;
    private final Map<String, Database> pools = new LinkedHashMap<>();
    private final List<Store> stores = new ArrayList<>();
    private final RunSlots runSlots;

    private record Store(String name, Connector connector, CamelContext context) {
    }

    private StoreFleet(Main main, Settings common, Map<String, Settings> storeSettings, Map<String, String> env) {
        this.runSlots = new RunSlots(common.getInt(MAX_CONCURRENT_RUNS, 1, SettingsCheck.MAX_POOL_SIZE));
        this.main = main;
        this.common = common;
        this.storeSettings = storeSettings;
        this.env = env;
    }

    /** Checks the common settings and every store's before anything is opened. */
    public static StoreFleet create(Settings common, Map<String, String> env) {
        SettingsCheck.check(common);
        common.getInt(MAX_CONCURRENT_RUNS, 1, SettingsCheck.MAX_POOL_SIZE);
        Map<String, Settings> storeSettings = new LinkedHashMap<>();
        for (String name : Stores.names(common)) {
            Settings settings = Stores.settings(common, name, env);
            SettingsCheck.check(settings);
            storeSettings.put(name, settings);
        }
        boolean observe = common.getBoolean("observe.enabled");
        if (observe) {
            ManagementPort.checkFree(common);
        }
        Main main = new Main();
        Properties props = common.asProperties();
        props.setProperty("camel.management.enabled", Boolean.toString(observe));
        props.setProperty("camel.metrics.enabled", Boolean.toString(observe));
        main.setOverrideProperties(props);
        return new StoreFleet(main, common, storeSettings, env);
    }

    /** Starts the health and metrics, then every store it can; fails only when none could start. */
    public void start() throws Exception {
        main.start();
        CamelContext host = main.getCamelContext();
        MeterRegistry meters = host.getRegistry().findSingleByType(MeterRegistry.class);
        HealthCheckRegistry health = HealthCheckRegistry.get(host);
        List<String> names = List.copyOf(storeSettings.keySet());
        // tables one store after another (each under the schema lock, which holds a pooled connection while it
        // waits); then the CamelContexts, whose routes load on the CPU, several at once
        Map<String, Prepared> prepared = new LinkedHashMap<>();
        for (String name : names) {
            try {
                prepared.put(name, prepare(name));
            } catch (Exception e) {
                notStarted(name, e, health);
            }
        }
        ExecutorService starting = Executors.newFixedThreadPool(Math.max(1, Math.min(prepared.size(), STARTING_THREADS)));
        try {
            Map<String, Future<Store>> started = new LinkedHashMap<>();
            prepared.forEach((name, store) -> started.put(name, starting.submit(() -> start(name, store, meters, health))));
            for (Map.Entry<String, Future<Store>> store : started.entrySet()) {
                try {
                    stores.add(store.getValue().get());
                } catch (ExecutionException e) {
                    notStarted(store.getKey(), e.getCause(), health);
                }
            }
        } finally {
            starting.shutdown();
        }
        if (stores.isEmpty()) {
            throw new ConfigException("none of the " + names.size() + " stores could start (see the lines above)");
        }
        LOG.info("{} of {} stores started: {}", stores.size(), names.size(), stores.stream().map(Store::name).toList());
    }

    private static void notStarted(String name, Throwable e, HealthCheckRegistry health) {
        String reason = e instanceof ConfigException || e instanceof DatabaseUnavailableException || !(e instanceof Exception ex)
                ? String.valueOf(e.getMessage()) : RouteFiles.describe(ex);
        LOG.error("store {} not started: {}", name, reason);
        if (health != null) {
            health.register(new NotStarted(name, reason));
        }
    }

    /** Fires {@code entity}'s job of every store now, as its schedule would (a run in progress makes it skip). */
    public void triggerNow(String entity) throws Exception {
        for (Store store : stores) {
            QuartzComponent quartz = store.context().getComponent(Connector.QUARTZ, QuartzComponent.class);
            quartz.getScheduler().triggerJob(JobKey.jobKey(entity, CentraRoutes.QUARTZ_GROUP));
        }
    }

    /** A store's connector, ready to bind, and its settings without the schema (its DataSource is set to it already). */
    private record Prepared(Connector connector, Settings settings) {
    }

    /** The store's token, schema and tables. */
    private Prepared prepare(String name) {
        Settings settings = storeSettings.get(name);
        String token = TokenSource.resolve(Stores.env(env, common, name));
        Database database = pool(settings);
        DataSource schema = SchemaDataSource.of(database.dataSource(), database.dialect(), settings.get("sink.schema"));
        Properties props = settings.asProperties();
        props.remove("sink.schema");
        Settings own = Settings.of(props);
        return new Prepared(Connector.open(own, token, true, schema), own);
    }

    /** The store's CamelContext, named after it, with its routes and beans, started. */
    private Store start(String name, Prepared store, MeterRegistry meters, HealthCheckRegistry health) throws Exception {
        Connector connector = store.connector();
        try {
            DefaultCamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName(name);
            context.disableJMX(); // an MBean per route and processor: megabytes per store, and the process has its metrics
            context.setUseMDCLogging(true); // camel.contextId: the store, in each log line of its routes
            context.getPropertiesComponent().setInitialProperties(store.settings().asProperties());
            if (meters != null) {
                CompositeMeterRegistry tagged = new CompositeMeterRegistry();
                tagged.config().commonTags("store", name);
                tagged.add(meters);
                context.getRegistry().bind("centraMeters", tagged);
            }
            if (health != null) {
                connector.reportHealthTo(health);
            }
            connector.shareRunSlots(runSlots);
            connector.bindTo(context);
            context.start();
            return new Store(name, connector, context);
        } catch (Exception e) {
            connector.close();
            throw e;
        }
    }

    /** One pool per database (URL and user), its first store's settings deciding its size. */
    private Database pool(Settings settings) {
        String key = settings.get("sink.jdbc-url") + " " + settings.get("sink.jdbc-user", "");
        Database database = pools.get(key);
        if (database == null) {
            Properties props = settings.asProperties();
            props.remove("sink.schema");
            database = Database.open(Settings.of(props));
            pools.put(key, database);
        }
        return database;
    }

    /** Blocks until SIGTERM / Ctrl-C. */
    public void runUntilStopped() throws Exception {
        main.run();
    }

    /** Every store's page loops end after the page in hand. */
    public void requestStop() {
        stores.forEach(s -> s.connector().requestStop());
    }

    /** The stores that started. */
    public List<String> started() {
        return stores.stream().map(Store::name).toList();
    }

    /** Stops the stores together (each after its page in hand), then the pools and the health and metrics. */
    @Override
    public void close() {
        requestStop();
        ExecutorService stopping = Executors.newFixedThreadPool(Math.max(1, Math.min(stores.size(), 16)));
        for (Store store : stores) {
            stopping.execute(() -> {
                try {
                    store.context().stop();
                } catch (RuntimeException e) {
                    LOG.warn("store {}: stop: {}", store.name(), e.getMessage());
                }
                store.connector().close();
            });
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("some stores did not stop within {} s", STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pools.values().forEach(Database::close);
        try {
            main.stop();
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }

    /** Readiness: down for a store that could not start, with the reason. */
    private static final class NotStarted extends AbstractHealthCheck {

        private final String reason;

        NotStarted(String store, String reason) {
            super("centra-sync", "centra-store-" + store);
            this.reason = reason;
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            builder.down().message("not started: " + reason);
        }
    }
}
