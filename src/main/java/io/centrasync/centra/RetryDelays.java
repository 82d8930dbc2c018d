package io.centrasync.centra;

import io.centrasync.run.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * Decides how long to wait before a retry and says so in one WARN line. Named as
 * {@code onExceptionOccurredRef} of the retrying {@code onException} in {@code routes/errors.camel.yaml}:
 * Camel runs it right after a failure and before it computes the redelivery delay, and a
 * {@code CamelRedeliveryDelay} header set here replaces that computation.
 *
 * <p>A {@code Retry-After} (429, 503) is honoured in any form {@link RetryAfter} reads, within
 * {@code retryAfterCap}; everything else retryable backs off exponentially with jitter.
 */
public final class RetryDelays implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryDelays.class);

    private final Failures failures;
    private final Backoff backoff;
    private final Duration retryAfterCap;
    private final RateBudget budget;
    private final Clock clock;
    private final DoubleSupplier random;
    private final AtomicBoolean capLogged = new AtomicBoolean();
    private volatile CentraEvents events = CentraEvents.NONE;

    public RetryDelays(Failures failures, Backoff backoff, Duration retryAfterCap, RateBudget budget, Clock clock,
                       DoubleSupplier random) {
        this.failures = failures;
        this.backoff = backoff;
        this.retryAfterCap = retryAfterCap;
        this.budget = budget;
        this.clock = clock;
        this.random = random;
    }

    /** Who hears of each retry (the metrics). */
    public RetryDelays events(CentraEvents listener) {
        this.events = listener;
        return this;
    }

    /** One planned retry: how long to wait and what to add to the reason. */
    record Delay(Duration duration, String note) {
    }

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Integer retry = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        Integer max = exchange.getIn().getHeader(Exchange.REDELIVERY_MAX_COUNTER, Integer.class);
        // Camel also calls this for the last failure (no retry left) and, once a retryable failure has
        // been seen, for a following fatal one: neither is retried, the run's failure line says why
        if (error == null || retry == null || max == null || retry > max || !failures.retryable(error)) {
            return;
        }
        Delay delay = plan(error, retry);
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay.duration().toMillis());
        SyncRun run = exchange.getVariable("run", SyncRun.class);
        events.retried(run == null ? "unknown" : run.entity());
        LOG.warn("{} page {}: {}{}; retry attempt {}/{} in {} s", run == null ? "?" : run.entity(),
                run == null ? "?" : run.pages() + 1, Failures.describe(error), delay.note(), retry, max,
                String.format(java.util.Locale.ROOT, "%.2f", delay.duration().toMillis() / 1000.0));
    }

    Delay plan(Throwable error, int retry) {
        Optional<HttpOperationFailedException> http = Failures.httpFailure(error);
        Instant now = clock.instant();
        Delay delay = http.map(h -> header(h.getResponseHeaders(), "Retry-After"))
                .map(header -> retryAfter(header, now, retry))
                .orElseGet(() -> new Delay(backoff.delay(retry, random.getAsDouble()), ""));
        if (budget != null && http.isPresent() && http.get().getStatusCode() == 429) {
            // hold every entity back, not only this one: the store's budget is shared
            budget.rateLimited(now.plus(delay.duration()).toEpochMilli());
        }
        return delay;
    }

    private Delay retryAfter(String header, Instant now, int retry) {
        Optional<Instant> until = RetryAfter.moment(header, now);
        if (until.isEmpty()) {
            return new Delay(backoff.delay(retry, random.getAsDouble()), " (Retry-After '" + header + "' not understood)");
        }
        Duration wait = Duration.between(now, until.get());
        if (wait.compareTo(retryAfterCap) > 0) {
            if (capLogged.compareAndSet(false, true)) {
                LOG.warn("Centra asked to retry after {} ({} s from now); waiting at most centra.retry-after-cap={} (said once)",
                        header, wait.toSeconds(), retryAfterCap);
            }
            wait = retryAfterCap;
        }
        // a moment already past (clock skew, a slow answer): a short pause, not none
        Duration floor = backoff.delay(1, random.getAsDouble());
        return new Delay(wait.compareTo(floor) < 0 ? floor : wait, " (Retry-After: " + header + ")");
    }

    /** Header names arrive in whatever case the server (or a proxy) used. */
    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isBlank()) {
                return e.getValue().trim();
            }
        }
        return null;
    }
}
