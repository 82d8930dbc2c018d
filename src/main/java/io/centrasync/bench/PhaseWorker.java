package io.centrasync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.camel.Bookkeeping;
import io.centrasync.camel.Settings;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.store.DataSources;
import io.centrasync.store.Dialect;
import io.centrasync.store.PostgresDialect;
import io.centrasync.store.SchemaManager;
import io.centrasync.store.SystemTables;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs one benchmark phase in its own JVM (started by {@link WorkerProcess}) so that its heap and
 * resident-set peaks are its own, and writes a {@link PhaseResult} file. With {@code --warmup N} the
 * phase first runs untimed passes of up to N records each against the same simulator and target until
 * the JIT compiler is quiet, at most {@code --warmup-seconds} (see {@link WarmUp}); on PostgreSQL a checkpoint
 * follows ({@link #settle}). Options:
 * {@code --phase fetch|write|e2e|budget --entity E --endpoint URL --result FILE [--limit N] [--warmup N]
 * [--warmup-seconds S] [--simulator-pid P] [--db-url URL --db-user U --schema S]}; the token comes from {@code CENTRA_TOKEN}
 * and the database password from {@code BENCH_DB_PASSWORD}, never from the command line.
 */
public final class PhaseWorker {

    static final double MIN_TIMED_SECONDS = 5;
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());
    private static final int MAX_TIMED_RUNS = 100;

    private PhaseWorker() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        String label = options.getOrDefault("label", options.get("phase"));
        PhaseMeter.startRecorderEarly();
        try {
            PhaseResult result = run(options, label);
            result.write(Path.of(options.get("result")));
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("  " + label + " failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private static PhaseResult run(Map<String, String> o, String label) throws Exception {
        // the bench prints its own progress; the connector's INFO lines would drown it
        Configurator.setLevel("io.centrasync", Level.WARN);
        Phase phase = Phase.valueOf(o.get("phase").toUpperCase(Locale.ROOT));
        String token = System.getenv("CENTRA_TOKEN");
        Settings settings = Settings.load(System.getenv(), System.getProperties());
        EntityMapping mapping = mapping(settings, o.get("entity"));
        if (o.containsKey("db-url")) {
            settings = settings.with("sink.jdbc-url", o.get("db-url")).with("sink.jdbc-user", o.getOrDefault("db-user", ""))
                    .with("sink.jdbc-password", System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""))
                    .with("sink.schema", o.getOrDefault("schema", ""));
        }
        settings = settings.with("centra.endpoint", o.get("endpoint"));
        long limit = Long.parseLong(o.getOrDefault("limit", Long.toString(Long.MAX_VALUE)));
        long warmup = Long.parseLong(o.getOrDefault("warmup", "0"));
        long warmupSeconds = Long.parseLong(o.getOrDefault("warmup-seconds", "120"));
        long simulatorPid = Long.parseLong(o.getOrDefault("simulator-pid", "-1"));
        String endpoint = o.get("endpoint");
        Dialect dialect = Dialect.forJdbcUrl(settings.get("sink.jdbc-url"));
        SystemTables tables = Bookkeeping.tables(settings);
        switch (phase) {
            case FETCH -> {
                WarmUp.Pass fetch = (max, progress) -> {
                    try (PageSource source = new PageSource(endpoint, token, mapping)) {
                        long[] r = RawFetch.run(source, max, progress);
                        return new long[] {r[0], 0, r[1]};
                    }
                };
                return measure(fetch, () -> { }, () -> { }, limit, warmup, warmupSeconds, simulatorPid, label, null);
            }
            case WRITE -> {
                try (HikariDataSource ds = dataSource(settings)) {
                    new SchemaManager(ds, dialect, tables).ensure(mapping.tables());
                    WarmUp.Pass write = (max, progress) -> {
                        try (PageSource source = new PageSource(endpoint, token, mapping)) {
                            return RawWrite.run(source, mapping, ds, dialect, max, progress);
                        }
                    };
                    return measure(write, () -> empty(ds, mapping, null), () -> settle(ds, dialect), limit, warmup, warmupSeconds,
                            simulatorPid, label, null);
                }
            }
            default -> {
                try (HikariDataSource ds = dataSource(settings)) {
                    LongSupplier committed = () -> committedRecords(ds, mapping, tables);
                    try (EndToEnd e2e = new EndToEnd(settings, token, mapping, committed)) {
                        return measure(e2e, () -> empty(ds, mapping, tables), () -> settle(ds, dialect), limit, warmup, warmupSeconds,
                                simulatorPid, label, committed);
                    }
                }
            }
        }
    }

    /**
     * Warm-up passes (see {@link WarmUp}), then {@code settle} (see {@link #settle}), then the timed run; progress
     * from {@code committed} where the pass cannot count. A store whose timed run is over in less than {@value #MIN_TIMED_SECONDS} s (1,000 purchase
     * orders take about 0.1 s) is run again, into emptied tables, until that much time was measured, and the
     * result is the mean of those runs: a single run that short would mostly measure a garbage collection or a
     * scheduling hiccup that happened to fall into it.
     */
    private static PhaseResult measure(WarmUp.Pass pass, WarmUp.Reset reset, Runnable settle, long limit, long warmup,
                                       long warmupSeconds, long simulatorPid, String label, LongSupplier committed) throws Exception {
        WarmUp.run(metered(pass, simulatorPid, label, committed), reset, Math.min(warmup, limit), warmupSeconds, System.out, label);
        settle.run();
        List<PhaseResult> runs = new ArrayList<>();
        double measured = 0;
        do {
            if (!runs.isEmpty()) {
                reset.run();
            }
            pass.prepare();
            runs.add(measuredRun(pass, limit, simulatorPid, label, committed, true));
            measured += runs.get(runs.size() - 1).seconds();
        } while (limit == Long.MAX_VALUE && measured < MIN_TIMED_SECONDS && runs.size() < MAX_TIMED_RUNS); // not a bounded pass
        if (runs.size() > 1) {
            System.out.printf("  %s: mean of %d timed runs (%.1f s)%n", label, runs.size(), measured);
        }
        return PhaseResult.mean(runs);
    }

    /**
     * A warm-up pass runs as a timed run does, its figures and progress lines dropped: the measuring itself (reading
     * /proc, the memory sampler, the collector's notifications, the progress printer) is code too, and unless the
     * warm-up runs it, the JIT compiles it during the timed runs, on the cores they measure (a JIT log showed /proc
     * reading and regex code compiled then, and the compiler busy for 0.2 s in each of the first two 0.25 s runs).
     * WarmUp's own silent progress is not used: it has no printer.
     */
    private static WarmUp.Pass metered(WarmUp.Pass pass, long simulatorPid, String label, LongSupplier committed) {
        return (limit, unusedSilentProgress) -> {
            PhaseResult r = measuredRun(pass, limit, simulatorPid, label, committed, false);
            return new long[] {r.records(), r.rows(), Math.round(r.seconds() * 1e9)};
        };
    }

    /** One measured run of the pass; {@code kept}: a timed run (meter labelled, progress printed), else a warm-up pass. */
    private static PhaseResult measuredRun(WarmUp.Pass pass, long limit, long simulatorPid, String label, LongSupplier committed,
                                           boolean kept) throws Exception {
        PhaseMeter meter = new PhaseMeter(simulatorPid, kept ? label : null);
        try (Progress progress = new Progress(label, kept ? System.out : DISCARD, committed)) {
            long[] r = pass.run(limit, progress);
            return meter.stop(r[0], r[1], r[2]);
        }
    }

    /**
     * Right before the timed runs, on PostgreSQL: a {@code CHECKPOINT}, so that no checkpoint is under way or due
     * during them. The warm-up's passes rewrite the same store hundreds of times (inventory: 540 MB of WAL every
     * 30-80 s), and with {@code max_wal_size} at 1 GB PostgreSQL starts a checkpoint after every ~540 MB of it,
     * where one backfill of that store, a few hundred times less, would start none. In traces of 0.23 s inventory
     * runs, one commit in about eighty took 45 ms instead of 1-2 ms while the pages held ahead were full and the
     * simulator idle. After the checkpoint, the 5 s of timed runs stay below the next one; a long backfill's own
     * checkpoints still count. A user without the right to CHECKPOINT (superuser or pg_checkpoint) is told so, and
     * the runs go on without.
     */
    static void settle(HikariDataSource ds, Dialect dialect) {
        if (!(dialect instanceof PostgresDialect)) {
            return;
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (java.sql.SQLException e) {
            System.out.println("  no CHECKPOINT before the timed runs (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * Empties the entity's tables and forgets its runs in {@code bookkeeping} (unless null), so the next run is a
     * backfill into empty tables again.
     */
    static void empty(HikariDataSource ds, EntityMapping mapping, SystemTables bookkeeping) throws java.sql.SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (var table : mapping.tables()) {
                s.execute("TRUNCATE TABLE " + table.name());
            }
            for (String state : bookkeeping == null ? List.<String>of() : bookkeeping.all()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + state + " WHERE entity = ?")) {
                    ps.setString(1, mapping.entity());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static HikariDataSource dataSource(Settings s) {
        return DataSources.create(s.get("sink.jdbc-url"), s.get("sink.jdbc-user", ""), s.get("sink.jdbc-password", ""), 2,
                s.get("sink.schema", ""));
    }

    private static EntityMapping mapping(Settings settings, String entity) throws Exception {
        for (EntityMapping m : MappingLoader.loadAll(Path.of(settings.get("mappings.dir")))) {
            if (m.entity().equals(entity)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no mapping for entity " + entity + " in " + settings.get("mappings.dir"));
    }

    /** Progress of a run in flight, from its checkpoint: committed pages times the page size. */
    static long committedRecords(HikariDataSource ds, EntityMapping mapping, SystemTables tables) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT run_pages FROM " + tables.syncState() + " WHERE entity = ?")) {
            ps.setString(1, mapping.entity());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? (long) rs.getInt(1) * mapping.paging().size() : 0;
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
