package io.centrasync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.app.Settings;
import io.centrasync.app.SyncApplication;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import io.centrasync.sink.DataSources;
import io.centrasync.sink.Dialect;
import io.centrasync.sink.SchemaManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one benchmark phase in its own JVM (started by {@link WorkerProcess}) so that its heap and
 * resident-set peaks are its own, and writes a {@link PhaseResult} file. With {@code --warmup N} the
 * same phase first runs untimed against an in-process simulator with N orders into throwaway tables,
 * so the measurement sees compiled code, as a long backfill does. Options:
 * {@code --phase fetch|write|e2e --entity E --endpoint URL --result FILE [--limit N] [--warmup N]
 * [--simulator-pid P] [--db-url URL --db-user U --schema S]}; the token comes from {@code CENTRA_TOKEN}
 * and the database password from {@code BENCH_DB_PASSWORD}, never from the command line.
 */
public final class PhaseWorker {

    private PhaseWorker() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        String label = options.getOrDefault("label", options.get("phase"));
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
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
        if (warmup > 0) {
            warmUp(phase, mapping, settings, token, warmup);
        }
        return measure(phase, mapping, settings.with("centra.endpoint", o.get("endpoint")), token,
                Long.parseLong(o.getOrDefault("limit", Long.toString(Long.MAX_VALUE))),
                Long.parseLong(o.getOrDefault("simulator-pid", "-1")), Boolean.parseBoolean(o.getOrDefault("settle", "false")), label);
    }

    /** The phase once, untimed, against a small in-process simulator and into throwaway tables. */
    private static void warmUp(Phase phase, EntityMapping mapping, Settings target, String token, int orders) throws Exception {
        Path folder = Files.createTempDirectory("centra-bench-warmup");
        Settings warm = target;
        boolean postgres = target.get("sink.jdbc-url").startsWith("jdbc:postgresql:");
        if (phase != Phase.FETCH) {
            warm = postgres ? target.with("sink.schema", target.get("sink.schema") + "_warmup")
                    : target.with("sink.jdbc-url", "jdbc:h2:file:" + folder.resolve("warmup").toAbsolutePath()).with("sink.schema", "");
        }
        try (CentraSimulator local = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(orders).withToken(token))) {
            measure(phase, mapping, warm.with("centra.endpoint", local.endpoint()), token, Long.MAX_VALUE, -1, false, null);
        } finally {
            if (phase != Phase.FETCH && postgres) {
                try (Connection c = DriverManager.getConnection(warm.get("sink.jdbc-url"), warm.get("sink.jdbc-user", ""),
                        warm.get("sink.jdbc-password", "")); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + warm.get("sink.schema") + " CASCADE");
                }
            }
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * One run of the phase; {@code label} null runs it silently (warm-up). {@code settle} first runs it once
     * untimed with the same simulator, target and objects (the tables emptied after): the warm-up above uses
     * a simulator of its own and throwaway tables, and on a small store the timed run lasts a second or two,
     * in which the JIT would still be recompiling for what differs (new connections, new Camel context).
     */
    private static PhaseResult measure(Phase phase, EntityMapping mapping, Settings s, String token, long limit, long simulatorPid,
                                       boolean settle, String label) throws Exception {
        String endpoint = s.get("centra.endpoint");
        switch (phase) {
            case FETCH -> {
                if (settle) {
                    try (PageSource source = new PageSource(endpoint, token, mapping); Progress silent = new Progress(null, System.out)) {
                        RawFetch.run(source, limit, silent);
                    }
                }
                try (PageSource source = new PageSource(endpoint, token, mapping); Progress progress = new Progress(label, System.out)) {
                    PhaseMeter meter = new PhaseMeter(simulatorPid);
                    long[] r = RawFetch.run(source, limit, progress);
                    return meter.stop(r[0], 0, r[1]);
                }
            }
            case WRITE -> {
                Dialect dialect = Dialect.forJdbcUrl(s.get("sink.jdbc-url"));
                try (HikariDataSource ds = dataSource(s);
                     PageSource source = new PageSource(endpoint, token, mapping);
                     Progress progress = new Progress(label, System.out)) {
                    new SchemaManager(ds, dialect).ensure(mapping.tables());
                    if (settle) {
                        try (PageSource first = new PageSource(endpoint, token, mapping); Progress silent = new Progress(null, System.out)) {
                            RawWrite.run(first, mapping, ds, dialect, silent);
                        }
                        empty(ds, mapping, false);
                    }
                    PhaseMeter meter = new PhaseMeter(simulatorPid);
                    long[] r = RawWrite.run(source, mapping, ds, dialect, progress);
                    return meter.stop(r[0], r[1], r[2]);
                }
            }
            default -> {
                try (SyncApplication app = EndToEnd.start(s, token);
                     HikariDataSource ds = dataSource(s);
                     Progress progress = new Progress(label, System.out, () -> committedRecords(ds, mapping))) {
                    if (settle) {
                        EndToEnd.run(app, mapping.entity());
                        empty(ds, mapping, true);
                    }
                    PhaseMeter meter = new PhaseMeter(simulatorPid);
                    long[] r = EndToEnd.run(app, mapping.entity());
                    return meter.stop(r[0], r[1], r[2]);
                }
            }
        }
    }

    /** Empties the entity's tables and ({@code runs}) forgets its runs, so the next run is a backfill into empty tables again. */
    private static void empty(HikariDataSource ds, EntityMapping mapping, boolean runs) throws java.sql.SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (var table : mapping.tables()) {
                s.execute("TRUNCATE TABLE " + table.name());
            }
            for (String state : runs ? List.of("sync_state", "sync_runs", "dead_letter") : List.<String>of()) {
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
    private static long committedRecords(HikariDataSource ds, EntityMapping mapping) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT run_pages FROM sync_state WHERE entity = ?")) {
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
