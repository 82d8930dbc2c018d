package io.centrasync.camel;

import io.centrasync.run.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every setting the connector reads, checked for type and range before anything is opened, so a bad
 * value gives one line naming the setting (property and environment variable), the value and what
 * is allowed, and exit 2, rather than a stack trace, a silent default or a run that never ends.
 */
public final class SettingsCheck {

    /** Camel's maximumRedeliveries: -1 would retry forever. */
    static final int MAX_RETRIES = 100;
    static final int MAX_POOL_SIZE = 200;
    static final double MAX_COMPACT_GROWTH = 1000;
    private static final Duration ONE_MILLI = Duration.ofMillis(1);

    /** What the connector itself needs, embedded or standalone. */
    private static final List<Consumer<Settings>> CONNECTOR_RULES = List.of(
            s -> EndpointPolicy.check(s.get("centra.endpoint"), s.getBoolean("centra.allow-insecure-http")),
            s -> s.getDuration("centra.connect-timeout", ONE_MILLI),
            s -> s.getDuration("centra.response-timeout", ONE_MILLI),
            s -> s.getInt("centra.max-connections", 1, MAX_POOL_SIZE),
            s -> s.getInt("centra.retries", 0, MAX_RETRIES),
            s -> s.getDuration("centra.retry-backoff-max", s.getDuration("centra.retry-backoff", Duration.ZERO)),
            s -> s.getDuration("centra.retry-after-cap", Duration.ZERO),
            s -> s.getLong("centra.rate.requests-per-10s", 0, Long.MAX_VALUE),
            s -> s.getLong("centra.rate.requests-per-hour", 0, Long.MAX_VALUE),
            s -> s.getLong("centra.rate.complexity-per-10s", 0, Long.MAX_VALUE),
            s -> s.getLong("centra.rate.complexity-per-hour", 0, Long.MAX_VALUE),
            s -> s.getDouble(Settings.UTILIZATION, Settings.MIN_UTILIZATION, 1),
            s -> s.getBoolean("centra.rate.read-limits"),
            s -> s.getBoolean("centra.prefetch"),
            s -> s.getInt("centra.prefetch-pages", 0, 100),
            s -> s.getInt("sink.pool-size", 1, MAX_POOL_SIZE),
            s -> s.getDuration(Bookkeeping.HEARTBEAT_TIMEOUT, Bookkeeping.MIN_HEARTBEAT_TIMEOUT),
            s -> s.getDuration("sink.outage-timeout", Duration.ZERO),
            s -> s.getDuration("sink.retry-backoff-max", s.getDuration("sink.retry-backoff", ONE_MILLI)),
            s -> s.getDuration("sink.connection-timeout", Database.MIN_CONNECTION_TIMEOUT),
            s -> s.getDouble("sink.snapshot-max-shrink", 0, 1),
            s -> s.getDuration(Database.H2_COMPACT_INTERVAL, Duration.ZERO),
            s -> s.getDouble(Database.H2_COMPACT_GROWTH, 1, MAX_COMPACT_GROWTH),
            s -> s.getDuration(Database.IDLE_IN_TRANSACTION_TIMEOUT, Duration.ZERO),
            s -> s.getBoolean(ClusterScheduler.ENABLED),
            s -> s.getDuration(ClusterScheduler.CHECKIN_INTERVAL, Duration.ofSeconds(1)),
            Schedules::check);

    /** What only the standalone process sets: its management port, its own Camel Main. */
    private static final List<Consumer<Settings>> STANDALONE_RULES = List.of(
            s -> s.getBoolean("observe.enabled"),
            s -> s.getInt(ManagementPort.PORT, 1, 65535),
            s -> s.getBoolean("camel.management.health-check-enabled"),
            s -> s.getBoolean("camel.management.metrics-enabled"),
            s -> s.getLong("camel.main.shutdown-timeout", 1, 3600),
            s -> s.getBoolean("camel.main.jmx-enabled"));

    private SettingsCheck() {
    }

    /** Throws the first problem of the standalone process's settings as a {@link ConfigException}. */
    public static void check(Settings settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.get(0));
        }
    }

    /** Throws the first problem of the connector's own settings (embedded in a host) as a {@link ConfigException}. */
    static void checkConnector(Settings settings) {
        List<String> problems = problems(settings, CONNECTOR_RULES);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.get(0));
        }
    }

    /** Every problem of the standalone process's settings, one line each (for {@code validate}). */
    public static List<String> problems(Settings settings) {
        List<String> problems = problems(settings, CONNECTOR_RULES);
        problems.addAll(problems(settings, STANDALONE_RULES));
        return problems;
    }

    private static List<String> problems(Settings settings, List<Consumer<Settings>> rules) {
        List<String> problems = new ArrayList<>();
        for (Consumer<Settings> rule : rules) {
            try {
                rule.accept(settings);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }
}
