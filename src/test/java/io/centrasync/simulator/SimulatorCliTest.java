package io.centrasync.simulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorCliTest {
    @Test
    void badUsageExits2WithOneLine() {
        for (String[] args : new String[][]{{"--port"}, {"--orders", "many"}, {"--bogus", "1"}, {"stray"}, {"--warehouses", "9"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = CentraSimulator.runCli(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), new CountDownLatch(0));
            assertEquals(2, rc, String.join(" ", args));
            assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
        }
    }

    @Test
    void defaultsAndOptions() {
        SimulatorConfig d = SimulatorCli.parse(new String[0]);
        assertEquals(8099, d.port());
        assertEquals(1000, d.orders());
        assertEquals(42, d.seed());
        assertEquals("centra-sim-token", d.token());
        SimulatorConfig c = SimulatorCli.parse(new String[]{"--port", "0", "--orders=10", "--token", "T", "--seed", "7",
            "--rate-limit", "growth", "--retry-after", "http-date"});
        assertEquals(10, c.orders());
        assertEquals("T", c.token());
        assertEquals(RetryAfterFormat.HTTP_DATE, c.rateLimits().retryAfterFormat());
        assertTrue(c.rateLimits().enabled());
    }

    @Test
    void runsUntilStoppedAndPrintsEndpoint() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger rc = new AtomicInteger(-1);
        Thread t = new Thread(() -> rc.set(CentraSimulator.runCli(new String[]{"--port", "0", "--orders", "5"},
                new PrintStream(out, true), System.err, stop)));
        t.start();
        for (int i = 0; i < 200 && !out.toString(StandardCharsets.UTF_8).contains("ready"); i++) {
            Thread.sleep(25);
        }
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.matches("Centra simulator ready: http://127\\.0\\.0\\.1:\\d+/graphql .*"), line);
        String endpoint = line.split(" ")[3];
        assertEquals(200, new SimClient(endpoint, "centra-sim-token").post("{ orders(limit: 1) { id } }").status());
        stop.countDown();
        t.join(5000);
        assertEquals(0, rc.get());
    }
}
