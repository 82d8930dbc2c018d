package io.centrasync.centra;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoppableSleeperTest {

    @Test
    void aLongWaitEndsWhenShutdownBegins() {
        AtomicBoolean stopping = new AtomicBoolean();
        StoppableSleeper sleeper = new StoppableSleeper(stopping::get);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // the test is over anyway
            }
            stopping.set(true);
        });
        stopper.start();
        long start = System.nanoTime();
        CentraException e = assertThrows(CentraException.class, () -> sleeper.sleep(600_000));
        assertTrue(e.getMessage().contains("shutdown"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "did not wait out the 10 minutes");
    }

    @Test
    void anInterruptEndsTheWait() {
        StoppableSleeper sleeper = new StoppableSleeper(() -> false);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> sleeper.sleep(600_000));
    }
}
