package io.centrasync.camel;

import io.centrasync.run.SyncRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Per-entity sync metrics in Micrometer, next to Camel's own route metrics on
 * {@code /observe/metrics} (Prometheus): runs by outcome, records read and written, dead letters,
 * query complexity spent, and the time of the last successful run, the one to alert on.
 */
public final class RunMetrics {

    private final Supplier<MeterRegistry> registrySource;
    private volatile MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    /** {@code registrySource} is asked once, on first use (Camel creates its registry while starting). */
    public RunMetrics(Supplier<MeterRegistry> registrySource) {
        this.registrySource = registrySource;
    }

    /** Metrics that go nowhere (commands without a metrics endpoint). */
    public static RunMetrics none() {
        return new RunMetrics(SimpleMeterRegistry::new);
    }

    private MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                if (registry == null) {
                    MeterRegistry found = registrySource.get();
                    registry = found == null ? new SimpleMeterRegistry() : found;
                }
                r = registry;
            }
        }
        return r;
    }

    /** A run ended: {@code status} is ok, failed or interrupted. */
    public void ended(SyncRun run, String status) {
        MeterRegistry r = registry();
        String entity = run.entity();
        Counter.builder("centra.sync.runs").tag("entity", entity).tag("status", status).register(r).increment();
        Counter.builder("centra.sync.records.read").tag("entity", entity).register(r).increment(run.records());
        Counter.builder("centra.sync.records.written").tag("entity", entity).register(r).increment(run.written());
        Counter.builder("centra.sync.dead.letters").tag("entity", entity).register(r).increment(run.deadLetters());
        Counter.builder("centra.sync.query.complexity").tag("entity", entity).register(r).increment(run.complexity());
        if ("ok".equals(status)) {
            lastSuccess(entity).set(System.currentTimeMillis() / 1000);
            failing.remove(entity);
        } else if ("failed".equals(status)) {
            failing.put(entity, run.failure() == null ? "failed" : run.failure());
        }
    }

    /**
     * At start: every entity's last-success gauge exists at once, at its last completed run (from the run
     * history) or 0 when it never completed one, so an alert on its age fires for a connector that never succeeded.
     */
    public void known(Collection<String> entities, Map<String, Instant> lastSuccesses) {
        for (String entity : entities) {
            Instant at = lastSuccesses.get(entity);
            lastSuccess(entity).compareAndSet(0, at == null ? 0 : at.getEpochSecond());
        }
    }

    /** The entities whose last run in this process failed, with the run's one-line reason. */
    public Map<String, String> failing() {
        return Map.copyOf(failing);
    }

    private AtomicLong lastSuccess(String entity) {
        return lastSuccess.computeIfAbsent(entity, e -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("centra.sync.last.success.seconds", v, AtomicLong::get).tag("entity", e)
                    .description("epoch seconds of the last completed run, 0 if none").register(registry());
            return v;
        });
    }
}
