package io.centrasync.centra;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** Readiness: down while Centra refuses the store's token (see {@link TokenGate}). */
public final class TokenHealthCheck extends AbstractHealthCheck {

    private final TokenGate gate;

    /** {@code suffix}: empty, or {@code -<store>} for one of several stores in a process. */
    public TokenHealthCheck(TokenGate gate, String suffix) {
        super("centra-sync", "centra-token" + suffix);
        this.gate = gate;
    }

    @Override
    public boolean isLiveness() {
        return false; // restarting the process does not mend a token
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        gate.refusal().ifPresentOrElse(r -> builder.down()
                        .message("Centra refused the token (HTTP 403) to " + r.entity() + " at " + r.at()
                                + "; tried again at the next run of " + r.entity())
                        .detail("refused.entity", r.entity())
                        .detail("refused.at", r.at().toString()),
                builder::up);
    }
}
