package io.centrasync.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs one database step of a run (a page write, the start or end of a run) and, while the
 * database is unreachable or the connection breaks ({@link SqlFailures#isOutage}), runs it again
 * with exponential backoff until the outage has lasted {@code sink.outage-timeout}; then the step
 * fails with {@link DatabaseOutageException}. Other failures are thrown at once.
 *
 * <p>Running a step again is safe: each is one transaction that either committed or left nothing,
 * and writes rows by key and the same checkpoint, so even a commit whose acknowledgement was lost
 * is simply done twice. Database retries live here rather than in the route's error handler
 * because the bound is a time, not a count, and the step is the unit that must be repeated.
 */
public final class OutageRetry {

    private static final Logger LOG = LoggerFactory.getLogger(OutageRetry.class);

    /** How long an outage may last, and the first and the longest pause between attempts. */
    public record Policy(Duration outageTimeout, Duration backoff, Duration backoffMax) {
        public Policy {
            if (outageTimeout.isNegative() || backoff.isNegative() || backoff.isZero() || backoffMax.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("outage timeout >= 0 and 0 < backoff <= backoff max, got "
                        + outageTimeout + ", " + backoff + ", " + backoffMax);
            }
        }

        /** Pause before retry {@code n} (1-based): backoff * 2^(n-1), at most backoffMax. */
        Duration pause(int n) {
            long millis = backoff.toMillis() << Math.min(n - 1, 20);
            return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
        }
    }

    /** Sleeps; a test replaces it to move a fake clock instead. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private static final long SLICE_MILLIS = 200;

    private final Policy policy;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final BooleanSupplier stopping;

    private final boolean retrying;

    public OutageRetry(Policy policy, LongSupplier nanoTime, Sleeper sleeper, BooleanSupplier stopping) {
        this(policy, nanoTime, sleeper, stopping, true);
    }

    private OutageRetry(Policy policy, LongSupplier nanoTime, Sleeper sleeper, BooleanSupplier stopping, boolean retrying) {
        this.policy = policy;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.stopping = stopping;
        this.retrying = retrying;
    }

    /** With the real clock; {@code stopping} ends a wait early when the application shuts down. */
    public OutageRetry(Policy policy, BooleanSupplier stopping) {
        this(policy, System::nanoTime, Thread::sleep, stopping);
    }

    /** Never retries: the first failure is thrown as it is (tools and tests that want that). */
    public static OutageRetry none() {
        return new OutageRetry(new Policy(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1)), System::nanoTime,
                Thread::sleep, () -> true, false);
    }

    /** Runs {@code work} (which reports database failures as {@link SinkException}) until it succeeds or the outage outlasts the policy. */
    public <T> T call(String step, Supplier<T> work) {
        long outageStart = 0;
        int retries = 0;
        while (true) {
            try {
                T result = work.get();
                if (retries > 0) {
                    LOG.warn("{}: the database is reachable again; went through after {} retries in {} s", step, retries,
                            seconds(nanoTime.getAsLong() - outageStart));
                }
                return result;
            } catch (SinkException e) {
                if (!retrying || e instanceof DatabaseOutageException || !SqlFailures.isOutage(e)) {
                    throw e;
                }
                long now = nanoTime.getAsLong();
                if (retries == 0) {
                    outageStart = now;
                    LOG.warn("{}: the database cannot be reached ({}); retrying for up to {} (sink.outage-timeout)", step,
                            SqlFailures.reason(e.getCause() == null ? e : e.getCause()), policy.outageTimeout());
                }
                Duration elapsed = Duration.ofNanos(now - outageStart);
                if (elapsed.compareTo(policy.outageTimeout()) >= 0) {
                    throw new DatabaseOutageException("the database was unreachable for longer than sink.outage-timeout ("
                            + policy.outageTimeout() + ", " + (retries + 1) + " attempts in " + seconds(now - outageStart) + " s): "
                            + SqlFailures.reason(e) + "; the next run resumes after the last committed page", e);
                }
                // the last attempt is made when the bound is reached, not skipped
                Duration left = policy.outageTimeout().minus(elapsed);
                Duration pause = policy.pause(retries + 1);
                pause(step, e, pause.compareTo(left) < 0 ? pause : left);
                retries++;
            }
        }
    }

    /** Sleeps in slices so that a shutdown does not wait for the outage to end. */
    private void pause(String step, SinkException failure, Duration pause) {
        long end = nanoTime.getAsLong() + pause.toNanos();
        try {
            for (long left = pause.toMillis(); left > 0; left = Duration.ofNanos(end - nanoTime.getAsLong()).toMillis()) {
                if (stopping.getAsBoolean()) {
                    throw new DatabaseOutageException(step + ": stopped while the database could not be reached: "
                            + SqlFailures.reason(failure), failure);
                }
                sleeper.sleep(Math.min(left, SLICE_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseOutageException(step + ": interrupted while the database could not be reached: "
                    + SqlFailures.reason(failure), failure);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
