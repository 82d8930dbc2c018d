package io.centrasync.centra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One store, one token: once Centra refuses it (HTTP 403), a request for any other entity only repeats
 * the refusal. So the entity whose request was refused tries again at its next run, and the store's
 * other entities are skipped, without a request, until then. Thread-safe; one per store.
 */
public final class TokenGate {

    private static final Logger LOG = LoggerFactory.getLogger(TokenGate.class);

    /** Which entity's request Centra refused, and when. */
    public record Refusal(String entity, Instant at) {
    }

    private final Clock clock;
    private volatile Refusal refusal;

    public TokenGate(Clock clock) {
        this.clock = clock;
    }

    /**
     * Route step at the start of a run: whether this entity's run is skipped because Centra refused the
     * token to another entity. The refused entity itself goes ahead: its run is the next attempt.
     */
    public boolean skips(String entity) {
        Refusal r = refusal;
        if (r == null) {
            return false;
        }
        if (r.entity().equals(entity)) {
            refusal = null;
            return false;
        }
        LOG.debug("{}: not run, Centra refused the token to {} at {}", entity, r.entity(), r.at());
        return true;
    }

    /** Route error step: a refused token (HTTP 403) closes the gate for the store's other entities. */
    public void failed(String entity, Throwable error) {
        if (Failures.tokenRefused(error)) {
            refusal = new Refusal(entity, clock.instant());
            LOG.info("{}: Centra refused the token; the other entities are not tried until the next run of {}", entity, entity);
        }
    }

    /** The refusal in force, if any. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }
}
