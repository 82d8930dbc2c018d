package io.centrasync.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.camel.Connector;
import io.centrasync.camel.Database;
import io.centrasync.camel.Bookkeeping;
import io.centrasync.camel.DatabaseUnavailableException;
import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.camel.SettingsCheck;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.run.ConfigException;
import io.centrasync.store.Checkpoints;
import io.centrasync.store.DeadLetterReplay;
import io.centrasync.store.DeadLetters;
import io.centrasync.store.Dialect;
import io.centrasync.store.PageWriter;
import io.centrasync.store.RunHistory;
import io.centrasync.store.SchemaManager;
import io.centrasync.store.SnapshotTables;
import io.centrasync.store.SystemTables;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code dlq list [--entity E]} shows the records that could not be mapped; {@code dlq replay
 * [--entity E]} runs them through the current mapping (fix the mapping, then replay). Works on the
 * database only: no Centra call, no token needed.
 */
final class DlqCommand {

    private static final int REASON_WIDTH = 90;

    private DlqCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        if (args.isEmpty() || !(args.get(0).equals("list") || args.get(0).equals("replay"))) {
            throw new ConfigException("usage: dlq list [--entity E] | dlq replay [--entity E]");
        }
        String entity = null;
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals("--entity") && i + 1 < args.size()) {
                entity = args.get(++i);
            } else {
                throw new ConfigException("dlq: unknown argument " + args.get(i) + " (usage: dlq list|replay [--entity E])");
            }
        }
        SettingsCheck.check(settings);
        Map<String, EntityMapping> mappings = Connector.loadMappings(settings);
        if (entity != null && !mappings.containsKey(entity)) {
            throw new ConfigException("dlq: unknown entity '" + entity + "'; known: " + String.join(", ", mappings.keySet()));
        }
        try (HikariDataSource ds = Database.openPool(settings)) {
            Dialect dialect = Dialect.forJdbcUrl(settings.get("sink.jdbc-url"));
            SystemTables tables = Bookkeeping.tables(settings);
            SchemaManager schema = new SchemaManager(ds, dialect, tables);
            schema.ensureSystemTables();
            if (args.get(0).equals("list")) {
                // reads our dead_letter table only: a mapped table awaiting a migration must not hide what failed
                return list(ds, tables, entity, out);
            }
            mappings.values().forEach(schema::ensure);
            return replay(ds, dialect, tables, Bookkeeping.runHistory(settings, tables), mappings, entity, out);
        }
    }

    private static int list(HikariDataSource ds, SystemTables tables, String entity, PrintStream out) {
        try (Connection c = ds.getConnection()) {
            List<DeadLetters.Stored> letters = new DeadLetters(tables).list(c, entity);
            String format = "%-26s %-34s %8s  %-20s  %s%n";
            out.printf(format, "entity", "record_key", "attempts", "last_seen", "reason");
            for (DeadLetters.Stored l : letters) {
                String reason = l.reason().length() > REASON_WIDTH ? l.reason().substring(0, REASON_WIDTH) + "..." : l.reason();
                out.printf(format, l.entity(), l.recordKey(), l.attempts(), l.lastSeen().toString().substring(0, 19), reason);
            }
            out.println(letters.size() + " dead letter(s)");
            return ExitCode.OK;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read " + tables.deadLetter() + ": " + e.getMessage());
        }
    }

    private static int replay(HikariDataSource ds, Dialect dialect, SystemTables tables, RunHistory history,
                              Map<String, EntityMapping> mappings, String entity, PrintStream out) {
        Checkpoints checkpoints = new Checkpoints(ds, dialect, tables, history, new SnapshotTables());
        DeadLetters deadLetters = new DeadLetters(tables);
        PageWriter writer = new PageWriter(ds, dialect, checkpoints, deadLetters);
        DeadLetterReplay.Outcome o = new DeadLetterReplay(ds, mappings, writer, deadLetters).replay(entity);
        out.println("replayed " + o.replayed() + ", still failing " + o.stillFailing()
                + (o.skipped() > 0 ? ", skipped " + o.skipped() + " (entity no longer mapped)" : ""));
        return o.stillFailing() + o.skipped() > 0 ? ExitCode.DEAD_LETTERS : ExitCode.OK;
    }
}
