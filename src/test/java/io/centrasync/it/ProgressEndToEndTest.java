package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slow backfill (many small pages) logs its progress with percent and ETA, from the connection's totalCount. */
class ProgressEndToEndTest {

    private static final Pattern LINE = Pattern.compile(
            "orders: ([\\d,]+) of 2,000 records \\((\\d+\\.\\d) %\\), [\\d,]+ records/s, ETA (\\d+s|\\d+m \\d+s|unknown)");

    @Test
    void aSlowBackfillLogsProgressLines(@TempDir Path dir) throws Exception {
        try (SyncHarness h = new SyncHarness(2000, SmallPages.ordersMapping(dir, 20).toString()); LogCapture log = LogCapture.begin()) {
            h.set("log.progress-interval", "PT0.3S");
            long millis;
            try (SyncApplication app = h.app()) {
                // at least 2 s in all: 100 pages, each 20 ms slower than it would be
                AdviceWith.adviceWith(app.context(), "centra-orders", a -> a.weaveById("write-page").after().delay(20));
                long start = System.nanoTime();
                assertNull(app.runOnce("orders", false).error());
                millis = (System.nanoTime() - start) / 1_000_000;
            }
            List<String> lines = log.lines().stream().filter(l -> l.logger().endsWith("RunProgress")).map(LogCapture.Line::message).toList();
            assertTrue(lines.size() >= 3, "progress lines: " + lines);
            assertTrue(lines.size() <= millis / 300, "at most one per interval in " + millis + " ms: " + lines);
            double before = -1;
            for (String line : lines) {
                Matcher m = LINE.matcher(line);
                assertTrue(m.matches(), line);
                double percent = Double.parseDouble(m.group(2));
                assertTrue(percent > before && percent <= 100, lines.toString());
                before = percent;
            }
            assertEquals(2000, h.count("orders"));
        }
    }

    @Test
    void aShortRunSaysNothing() throws Exception {
        try (SyncHarness h = new SyncHarness(100, "mappings/default"); LogCapture log = LogCapture.begin()) {
            assertNull(h.sync("orders", false).error());
            assertEquals(List.of(), log.lines().stream().filter(l -> l.logger().endsWith("RunProgress")).toList());
        }
    }
}
