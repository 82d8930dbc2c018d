package io.centrasync.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.app.Settings;
import io.centrasync.app.SyncApplication;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.sink.DataSources;
import io.centrasync.sink.Dialect;
import io.centrasync.sink.SchemaManager;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one benchmark phase in its own JVM (started by {@link WorkerProcess}) so that its heap and
 * resident-set peaks are its own, and writes a {@link PhaseResult} file. Options:
 * {@code --phase fetch|write|e2e --entity E --endpoint URL --result FILE [--limit N]
 * [--db-url URL --db-user U --schema S]}; the token comes from {@code CENTRA_TOKEN} and the database
 * password from {@code BENCH_DB_PASSWORD}, never from the command line.
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
        Phase phase = Phase.valueOf(o.get("phase").toUpperCase(java.util.Locale.ROOT));
        String entity = o.get("entity");
        String token = System.getenv("CENTRA_TOKEN");
        Settings settings = Settings.load(System.getenv(), System.getProperties()).with("centra.endpoint", o.get("endpoint"));
        if (o.containsKey("db-url")) {
            settings = settings.with("sink.jdbc-url", o.get("db-url")).with("sink.jdbc-user", o.getOrDefault("db-user", ""))
                    .with("sink.jdbc-password", System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""))
                    .with("sink.schema", o.getOrDefault("schema", ""));
        }
        EntityMapping mapping = mapping(settings, entity);
        switch (phase) {
            case FETCH -> {
                long limit = Long.parseLong(o.getOrDefault("limit", Long.toString(Long.MAX_VALUE)));
                try (PageSource source = new PageSource(o.get("endpoint"), token, mapping);
                     Progress progress = new Progress(label, System.out)) {
                    ResourceMonitor monitor = new ResourceMonitor();
                    long[] r = RawFetch.run(source, limit, progress);
                    return result(r[0], 0, r[1], monitor.stop());
                }
            }
            case WRITE -> {
                Dialect dialect = Dialect.forJdbcUrl(settings.get("sink.jdbc-url"));
                try (HikariDataSource ds = DataSources.create(settings.get("sink.jdbc-url"), settings.get("sink.jdbc-user", ""),
                        settings.get("sink.jdbc-password", ""), 2, settings.get("sink.schema", ""));
                     PageSource source = new PageSource(o.get("endpoint"), token, mapping);
                     Progress progress = new Progress(label, System.out)) {
                    new SchemaManager(ds, dialect).ensure(mapping.tables());
                    ResourceMonitor monitor = new ResourceMonitor();
                    long[] r = RawWrite.run(source, mapping, ds, dialect, progress);
                    return result(r[0], r[1], r[2], monitor.stop());
                }
            }
            default -> {
                try (SyncApplication app = EndToEnd.start(settings, token);
                     HikariDataSource ds = DataSources.create(settings.get("sink.jdbc-url"), settings.get("sink.jdbc-user", ""),
                             settings.get("sink.jdbc-password", ""), 1, settings.get("sink.schema", ""));
                     Progress progress = new Progress(label, System.out, () -> committedRecords(ds, entity, mapping))) {
                    ResourceMonitor monitor = new ResourceMonitor();
                    long[] r = EndToEnd.run(app, entity);
                    return result(r[0], r[1], r[2], monitor.stop());
                }
            }
        }
    }

    private static PhaseResult result(long records, long rows, long nanos, ResourceMonitor.Peaks peaks) {
        return new PhaseResult(records, rows, nanos / 1e9, peaks.heapMb(), peaks.heapAfterGcMb(), peaks.rssMb());
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
    private static long committedRecords(HikariDataSource ds, String entity, EntityMapping mapping) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT run_pages FROM sync_state WHERE entity = ?")) {
            ps.setString(1, entity);
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
