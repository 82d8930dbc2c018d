package io.centrasync.camel;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.TreeMap;

/** Readiness: down while an entity's last run failed, until one of its runs completes. */
final class RunsHealthCheck extends AbstractHealthCheck {

    private final RunMetrics runs;

    RunsHealthCheck(RunMetrics runs) {
        super("centra-sync", "centra-runs");
        this.runs = runs;
    }

    @Override
    public boolean isLiveness() {
        return false; // a failing store is not mended by restarting the process
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, String> failing = new TreeMap<>(runs.failing());
        if (failing.isEmpty()) {
            builder.up();
            return;
        }
        builder.down().message("last run failed: " + String.join(", ", failing.keySet()));
        failing.forEach((entity, why) -> builder.detail("failed." + entity, why));
    }
}
