package io.centrasync.camel;

import io.centrasync.centra.CentraEvents;
import io.centrasync.centra.RateBudget;
import io.centrasync.mapping.BucketKind;
import io.centrasync.run.SyncRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Per-entity sync metrics in Micrometer, next to Camel's own route metrics on
 * {@code /observe/metrics} (Prometheus): runs by outcome, records read and written, dead letters,
 * query complexity spent, and the time of the last successful run, the one to alert on; Centra's HTTP answers by
 * status, retries and 429s, the lag behind Centra (now minus the watermark), run durations, and the rate budget left.
 * The names are listed in docs/operations.md#observability.
 */
public final class RunMetrics implements CentraEvents {

    private final Supplier<MeterRegistry> registrySource;
    private volatile MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    /** per entity, epoch millis of the watermark, 0 when it has none */
    private final Map<String, AtomicLong> watermarks = new ConcurrentHashMap<>();
    /** held here: a gauge keeps only a weak reference to what it reads */
    private volatile RateBudget budget;

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
        Timer.builder("centra.sync.run.duration").tag("entity", entity).tag("status", status)
                .description("how long runs took, by outcome").register(r).record(Duration.ofNanos((long) (run.seconds() * 1e9)));
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

    /** Centra answered a request of the entity with this HTTP status. */
    @Override
    public void answered(String entity, int status) {
        MeterRegistry r = registry();
        Counter.builder("centra.sync.http.responses").tag("entity", entity).tag("status", Integer.toString(status))
                .description("Centra's HTTP answers by status").register(r).increment();
        if (status == 429) {
            Counter.builder("centra.sync.rate.limited").tag("entity", entity).description("429 answers (rate limited)")
                    .register(r).increment();
        }
    }

    @Override
    public void retried(String entity) {
        Counter.builder("centra.sync.retries").tag("entity", entity).description("requests retried").register(registry()).increment();
    }

    /** The entity's watermark now (null: none), of which its lag gauge reads the age. */
    public void watermark(String entity, Instant watermark) {
        watermarkOf(entity).set(watermark == null ? 0 : watermark.toEpochMilli());
    }

    /** Gauges of what the shared rate budget's buckets hold now, per kind and interval. */
    public void budget(RateBudget rateBudget) {
        this.budget = rateBudget;
        for (BucketKind kind : BucketKind.values()) {
            for (int interval : new int[] {10, 3600}) {
                Gauge.builder("centra.sync.rate.budget.remaining", this, m -> m.remaining(kind, interval))
                        .tag("kind", kind.fileName()).tag("interval", interval + "s")
                        .description("tokens our share of Centra's rate-limit bucket holds now").register(registry());
            }
        }
    }

    private double remaining(BucketKind kind, int interval) {
        RateBudget b = budget;
        return b == null ? Double.NaN : b.remaining(kind, interval);
    }

    private AtomicLong watermarkOf(String entity) {
        return watermarks.computeIfAbsent(entity, e -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("centra.sync.lag.seconds", v, w -> w.get() == 0 ? Double.NaN : (System.currentTimeMillis() - w.get()) / 1000.0)
                    .tag("entity", e).description("seconds since the watermark (changes up to it are in); NaN without one")
                    .register(registry());
            return v;
        });
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
