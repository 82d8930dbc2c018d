package io.centrasync.camel;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.SyncRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress lines: their wording, and at most one per interval, on a fake clock. */
class RunProgressTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> lines = new ArrayList<>();

    private static EntityMapping orders() throws Exception {
        return MappingLoader.load(Path.of("mappings/default/orders.yaml"));
    }

    private static SyncRun run(EntityMapping mapping, int pagesBefore) {
        return new SyncRun("orders", mapping, false, pagesBefore > 0, Instant.now(), Instant.EPOCH, false, null, pagesBefore, null);
    }

    /** One page of 200 records committed, {@code millis} later. */
    private void page(RunProgress progress, SyncRun run, long millis) {
        now.addAndGet(millis);
        run.pageCommitted("c", true, null, 200, 200, 0, 0);
        progress.page(run);
    }

    @Test
    void withATotalItSaysPercentRateAndEta() {
        assertEquals("orders: 45,200 of 1,000,000 records (4.5 %), 1,250 records/s, ETA 12m 44s",
                RunProgress.line("orders", 45_200, 0, 1_000_000, 226, 36_160));
        assertEquals("orders: 1,000,000 of 1,000,000 records (100.0 %), 5,000 records/s, ETA 0s",
                RunProgress.line("orders", 1_000_000, 0, 1_000_000, 5000, 200_000));
        assertEquals("orders: 0 of 10 records (0.0 %), 0 records/s, ETA unknown", RunProgress.line("orders", 0, 0, 10, 0, 0));
        // a resumed run counts what the interrupted one read, its rate only what it read itself
        assertEquals("orders: 600 of 1,000 records (60.0 %), 100 records/s, ETA 4s", RunProgress.line("orders", 200, 400, 1000, 3, 2000));
    }

    @Test
    void withoutATotalItSaysRecordsPagesAndRate() {
        assertEquals("inventory: 12,000 records, 60 pages, 400 records/s", RunProgress.line("inventory", 12_000, 0, -1, 60, 30_000));
    }

    @Test
    void durations() {
        assertEquals("44s", RunProgress.duration(44));
        assertEquals("12m 44s", RunProgress.duration(764));
        assertEquals("3h 05m", RunProgress.duration(3 * 3600 + 5 * 60 + 7));
    }

    @Test
    void atMostOneLinePerIntervalAndNoneForAShortRun() throws Exception {
        RunProgress progress = new RunProgress(now::get, 10_000, lines::add, false);
        EntityMapping mapping = orders();
        SyncRun quick = run(mapping, 0);
        progress.started(quick);
        for (int i = 0; i < 20; i++) {
            page(progress, quick, 400); // 8 s in all
        }
        progress.ended(quick);
        assertEquals(List.of(), lines, "a run shorter than the interval says nothing");

        SyncRun backfill = run(mapping, 0);
        backfill.totalCount(100_000);
        progress.started(backfill);
        for (int i = 0; i < 100; i++) {
            page(progress, backfill, 1_000); // 200 records/s for 100 s
        }
        assertEquals(10, lines.size(), lines.toString());
        assertEquals("orders: 2,000 of 100,000 records (2.0 %), 200 records/s, ETA 8m 10s", lines.get(0));
        assertEquals("orders: 20,000 of 100,000 records (20.0 %), 200 records/s, ETA 6m 40s", lines.get(9));
        progress.ended(backfill);
        assertEquals(10, lines.size(), "a plain log says nothing at the end (the run's own line does)");
    }

    @Test
    void onATerminalOneLiveLineIsRewrittenAndEndedOnce() throws Exception {
        RunProgress progress = new RunProgress(now::get, 1_000, lines::add, true);
        SyncRun backfill = run(orders(), 2);
        backfill.totalCount(2_000);
        progress.started(backfill);
        page(progress, backfill, 1_000);
        page(progress, backfill, 1_000);
        progress.ended(backfill);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("\rorders: 600 of 2,000 records (30.0 %), 200 records/s"), lines.get(0));
        assertTrue(lines.get(1).startsWith("\rorders: 800 of 2,000 records (40.0 %)"), lines.get(1));
        assertEquals(System.lineSeparator(), lines.get(2));
    }
}
