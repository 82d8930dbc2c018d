package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import io.centrasync.store.Dialect;
import io.centrasync.store.PostgresDialect;
import io.centrasync.store.QuartzTables;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Many nodes, one schedule: with {@code cluster.enabled}, our Quartz scheduler keeps its jobs in the sink's
 * PostgreSQL database (Quartz's clustered JDBC JobStore, tables {@code centra_qrtz_*}) instead of in memory. Each
 * fire of an entity's job runs on one node; a job never runs on two at once (the routes' {@code stateful}); and
 * when a node stops checking in while it runs a job (killed, paused, cut off), another node runs the job again
 * ({@code recoverableJob}), which resumes from the committed checkpoint and takes the run over: the old node's
 * next commit finds the checkpoint another run's and rolls back.
 */
final class ClusterScheduler {

    static final String ENABLED = "cluster.enabled";
    static final String CHECKIN_INTERVAL = "cluster.checkin-interval";
    /** Every node of a cluster must use the same scheduler name: Quartz tells clusters apart by it. */
    static final String SCHEDULER_NAME = "centra-sync";
    private static final AtomicInteger PROVIDERS = new AtomicInteger();

    private ClusterScheduler() {
    }

    static boolean enabled(Settings settings) {
        return settings.getBoolean(ENABLED);
    }

    /** Checks that the database can hold the schedule, and creates its tables (call under the schema lock). */
    static void prepare(Settings settings, Dialect dialect, DataSource dataSource) {
        if (!(dialect instanceof PostgresDialect)) {
            throw new ConfigException("setting " + Settings.describe(ENABLED) + " needs a PostgreSQL database (sink.jdbc-url), where"
                    + " the nodes share their schedule; this one is " + dialect.getClass().getSimpleName().replace("Dialect", ""));
        }
        QuartzTables.ensure(dataSource);
    }

    /** Quartz properties of a clustered JDBC JobStore on {@code dataSource}, shared by every node. */
    static Map<String, String> properties(Settings settings, DataSource dataSource) {
        String provider = "centra-sync-" + PROVIDERS.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(provider, new PoolProvider(dataSource));
        Duration checkin = settings.getDuration(CHECKIN_INTERVAL);
        String store = settings.get(Stores.STORE, "");
        return Map.of(
                // one scheduler per store in a process of several (Quartz keeps one per name in a JVM), the same on every node
                "org.quartz.scheduler.instanceName", store.isEmpty() ? SCHEDULER_NAME : SCHEDULER_NAME + "-" + store,
                "org.quartz.scheduler.instanceId", "AUTO",
                "org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX",
                "org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                "org.quartz.jobStore.dataSource", provider,
                "org.quartz.jobStore.tablePrefix", QuartzTables.PREFIX,
                "org.quartz.jobStore.isClustered", "true",
                "org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin.toMillis()),
                "org.quartz.jobStore.acquireTriggersWithinLock", "true");
    }

    /** Quartz's connections come from the connector's pool (Quartz returns them by closing them). */
    private record PoolProvider(DataSource dataSource) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool is the connector's: it closes it
        }

        @Override
        public void initialize() {
            // nothing to open
        }
    }
}
