package io.centrasync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.camel.Settings;
import io.centrasync.it.SmallPages;
import io.centrasync.it.SyncHarness;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.store.DataSources;
import io.centrasync.store.SystemTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmUpTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void noWarmUpRunsNoPass() throws Exception {
        List<Long> limits = new ArrayList<>();
        WarmUp.Summary s = WarmUp.run((limit, p) -> {
            limits.add(limit);
            return new long[3];
        }, () -> { }, 0, 60, out, "x");
        assertEquals(0, s.passes());
        assertTrue(limits.isEmpty());
    }

    @Test
    void everyPassIsCappedAndUndoneAndTheCapEndsTheWarmUp() throws Exception {
        List<Long> limits = new ArrayList<>();
        int[] resets = {0};
        // a time cap of 0 s: the first pass is also the last, whatever the compiler does
        WarmUp.Summary s = WarmUp.run((limit, p) -> {
            limits.add(limit);
            return new long[] {limit, 0, 1};
        }, () -> resets[0]++, 500, 0, out, "N=1 h2 orders e2e");
        assertEquals(1, s.passes());
        assertEquals(List.of(500L), limits);
        assertEquals(1, resets[0]);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("N=1 h2 orders e2e warm-up: 1 passes"), printed.toString());
    }

    @Test
    void passesGoOnUntilTheCompilerWasQuietForAWholeWindow() throws Exception {
        // the compiler works through the first three passes, then has nothing left to do; a window of 20 ms
        // is 2-4 quiet passes of 5+ ms
        AtomicLong compiled = new AtomicLong();
        int[] passes = {0};
        WarmUp.Summary s = WarmUp.run((limit, p) -> {
            passes[0]++;
            Thread.sleep(5);
            return new long[] {limit, 0, 1};
        }, () -> { }, 10, 60, out, null, () -> passes[0] <= 3 ? compiled.addAndGet(1000) : compiled.get(), 20);
        assertTrue(s.passes() >= 5 && s.passes() <= 7, s.describe());
        assertEquals(s.passes(), passes[0]);
        assertTrue(s.quiet(), s.describe());
        assertEquals(0, s.lastCompilePercent(), s.describe());
    }

    @Test
    void aBurstOfCompilationInsideTheWindowIsNotQuiet() {
        // {pass ms, compile ms}, newest first: a 1 s window of 10 passes with one 50 ms burst is 5 % compiling
        Deque<long[]> recent = new ArrayDeque<>();
        for (int i = 0; i < 10; i++) {
            recent.addLast(new long[] {100, i == 6 ? 50 : 0});
        }
        assertFalse(WarmUp.quietFor(recent, 1000));
        // four more passes: the burst is 1.1-1.2 s back; quiet for a window it has left, older passes are dropped
        recent.addFirst(new long[] {100, 1});
        recent.addFirst(new long[] {100, 0});
        recent.addFirst(new long[] {100, 0});
        recent.addFirst(new long[] {100, 0});
        assertFalse(WarmUp.quietFor(recent, 1400), "the burst is inside a 1.4 s window");
        assertTrue(WarmUp.quietFor(recent, 600));
        assertEquals(6, recent.size());
        // one long pass alone is no window: at least two passes
        assertFalse(WarmUp.quietFor(new ArrayDeque<>(List.<long[]>of(new long[] {10_000, 0})), 1000));
        // too little time yet
        assertFalse(WarmUp.quietFor(new ArrayDeque<>(List.<long[]>of(new long[] {100, 0}, new long[] {100, 0})), 1000));
    }

    @Test
    void aStoreOfMillisecondPassesStopsAtThePassCap() throws Exception {
        // a compiler that never gets quiet: every look at it finds another second of work; only the pass cap ends it
        AtomicLong compiled = new AtomicLong();
        WarmUp.Summary s = WarmUp.run((limit, p) -> new long[] {limit, 0, 1}, () -> { }, 10, 60, out, null,
                () -> compiled.addAndGet(1000), 20);
        assertEquals(WarmUp.MAX_PASSES, s.passes());
    }

    /**
     * A warm-up pass over part of a larger store stops the run once enough records are committed; the
     * next pass (here the timed run) starts a new connector and reads the whole store.
     */
    @Test
    void aPartialEndToEndPassStopsEarlyAndTheNextOneReadsEverything(@TempDir Path dir) throws Exception {
        Path mappings = SmallPages.ordersMapping(dir, 20);
        try (SyncHarness harness = new SyncHarness(3000, mappings.toString())) {
            Settings settings = harness.settings();
            EntityMapping orders = MappingLoader.loadAll(mappings).stream().filter(m -> m.entity().equals("orders")).findFirst().orElseThrow();
            try (HikariDataSource ds = DataSources.create(settings.get("sink.jdbc-url"), settings.get("sink.jdbc-user", ""),
                    settings.get("sink.jdbc-password", ""), 2, settings.get("sink.schema", ""));
                 EndToEnd e2e = new EndToEnd(settings, SyncHarness.TOKEN, orders, () -> PhaseWorker.committedRecords(ds, orders, SystemTables.DEFAULT));
                 Progress silent = new Progress(null, out)) {
                long[] partial = e2e.run(400, silent);
                assertTrue(partial[0] >= 400 && partial[0] < 3000, "records of the stopped pass: " + partial[0]);
                PhaseWorker.empty(ds, orders, SystemTables.DEFAULT);
                assertEquals(0, PhaseWorker.committedRecords(ds, orders, SystemTables.DEFAULT));

                long[] full = e2e.run(Long.MAX_VALUE, silent);
                assertEquals(3000, full[0]);
                assertTrue(full[1] > 3000, "rows over all tables: " + full[1]);
                assertTrue(full[2] > 0);
            }
        }
    }
}
