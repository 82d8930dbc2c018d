package io.centrasync.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry loop on a fake clock: backoff, the time bound, what is not retried, and shutdown. */
class OutageRetryTest {

    /** A clock that only moves when the retry sleeps. */
    private final long[] now = {0};
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final OutageRetry retry = new OutageRetry(
            new OutageRetry.Policy(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(500)),
            () -> now[0], millis -> now[0] += millis * 1_000_000, stopping::get);

    private static SinkException outage() {
        return new SinkException("orders: page 7 was not written (nothing of it committed): Connection is broken",
                new SQLException("Connection is broken", "90067", 90067));
    }

    private long elapsedMillis() {
        return now[0] / 1_000_000;
    }

    @Test
    void anOutageThatEndsIsWaitedOutWithGrowingPauses() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.call("orders page 7", () -> {
            if (attempts.incrementAndGet() <= 3) {
                throw outage();
            }
            return "written";
        });
        assertEquals("written", result);
        assertEquals(4, attempts.get());
        assertEquals(100 + 200 + 400, elapsedMillis(), "pauses double from sink.retry-backoff");
    }

    @Test
    void anOutageLongerThanTheBoundFailsWithOneLineThatSaysSo() {
        AtomicInteger attempts = new AtomicInteger();
        DatabaseOutageException e = assertThrows(DatabaseOutageException.class, () -> retry.call("orders page 7", () -> {
            attempts.incrementAndGet();
            throw outage();
        }));
        // attempts at 0, 0.1, 0.3, 0.7, 1.2, 1.7 and, the last pause cut short, exactly at the bound
        assertEquals(7, attempts.get());
        assertEquals(2000, elapsedMillis());
        assertTrue(e.getMessage().contains("sink.outage-timeout (PT2S"), e.getMessage());
        assertTrue(e.getMessage().contains("page 7 was not written"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void otherFailuresAreThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        SinkException constraint = new SinkException("duplicate", new SQLException("duplicate key", "23505"));
        assertSame(constraint, assertThrows(SinkException.class, () -> retry.call("orders page 7", () -> {
            attempts.incrementAndGet();
            throw constraint;
        })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> retry.call("orders page 7", () -> {
            attempts.incrementAndGet();
            throw bug;
        })));
        assertEquals(2, attempts.get());
        assertEquals(0, elapsedMillis());
    }

    @Test
    void aShutdownEndsTheWait() {
        AtomicInteger attempts = new AtomicInteger();
        DatabaseOutageException e = assertThrows(DatabaseOutageException.class, () -> retry.call("orders page 7", () -> {
            attempts.incrementAndGet();
            stopping.set(true);
            throw new SinkException("pool", new SQLTransientConnectionException("Connection is not available"));
        }));
        assertEquals(1, attempts.get());
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
    }

    @Test
    void noneNeverRetries() {
        SinkException failure = outage();
        assertSame(failure, assertThrows(SinkException.class, () -> OutageRetry.none().call("x", () -> {
            throw failure;
        })));
    }
}
