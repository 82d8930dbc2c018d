package io.centrasync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.camel.Bookkeeping;
import io.centrasync.camel.Connector;
import io.centrasync.camel.Database;
import io.centrasync.camel.DatabaseUnavailableException;
import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.camel.SettingsCheck;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.run.ConfigException;
import io.centrasync.store.Dialect;
import io.centrasync.store.EntityStatus;
import io.centrasync.store.SchemaManager;
import io.centrasync.store.SystemTables;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code status [--json]}: per entity, the last run, the watermark and its lag, rows, dead letters and the run in
 * flight. Reads the database only (no token, no Centra call). The JSON form is documented in docs/operations.md and
 * keeps its field names ({@code version} says which form it is).
 */
final class StatusCommand {

    /** The JSON form's version: bumped only when a field changes meaning or goes away. */
    static final int VERSION = 1;
    private static final int ERROR_WIDTH = 60;

    private StatusCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        boolean json = false;
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else {
                throw new ConfigException("status: unknown argument " + a + " (usage: status [--json])");
            }
        }
        SettingsCheck.check(settings);
        Map<String, EntityMapping> mappings = Connector.loadMappings(settings);
        Instant now = Instant.now();
        List<EntityStatus> statuses = new ArrayList<>();
        try (HikariDataSource ds = Database.openPool(settings)) {
            SystemTables tables = Bookkeeping.tables(settings);
            new SchemaManager(ds, Dialect.forJdbcUrl(settings.get("sink.jdbc-url")), tables).ensureSystemTables();
            try (Connection c = ds.getConnection()) {
                for (EntityMapping m : mappings.values()) {
                    statuses.add(EntityStatus.read(c, tables, m.entity(), m.rootTable().name()));
                }
            } catch (SQLException e) {
                throw new DatabaseUnavailableException("cannot read the run history: " + e.getMessage());
            }
        }
        out.print(json ? json(statuses, now) : text(statuses, now));
        return ExitCode.OK;
    }

    static String json(List<EntityStatus> statuses, Instant now) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION);
        root.put("generatedAt", now.toString());
        ArrayNode entities = root.putArray("entities");
        for (EntityStatus s : statuses) {
            ObjectNode e = entities.addObject();
            e.put("entity", s.entity());
            e.set("lastRun", fields(mapper, s.lastRun()));
            e.put("watermark", iso(s.watermark()));
            e.put("lagSeconds", s.watermark() == null ? null : Duration.between(s.watermark(), now).toSeconds());
            e.put("rows", s.rows());
            e.put("deadLetters", s.deadLetters());
            e.set("inFlight", fields(mapper, s.inFlight()));
        }
        try {
            return mapper.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A record as a JSON object, one field per component under its name (so the names of {@link EntityStatus.LastRun} and
     * {@link EntityStatus.InFlight} are the documented JSON names: renaming one changes the JSON form); times as ISO-8601.
     */
    private static JsonNode fields(ObjectMapper mapper, Record record) {
        if (record == null) {
            return NullNode.getInstance();
        }
        ObjectNode o = mapper.createObjectNode();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(record);
                o.set(c.getName(), mapper.valueToTree(value instanceof Instant at ? at.toString() : value));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return o;
    }

    static String text(List<EntityStatus> statuses, Instant now) {
        StringBuilder b = new StringBuilder();
        String format = "%-26s %-11s %-20s %-20s %-20s %9s %10s %6s %6s  %s%n";
        b.append(String.format(Locale.ROOT, format, "entity", "last run", "started", "ended", "watermark", "lag", "rows", "pages",
                "dlq", "in flight / error"));
        boolean anyRun = false;
        for (EntityStatus s : statuses) {
            EntityStatus.LastRun last = s.lastRun();
            anyRun |= last != null;
            EntityStatus.InFlight f = s.inFlight();
            String note = f != null
                    ? (f.live() ? "running" : "to resume") + " since " + shortTime(f.startedAt()) + ": " + f.pagesCommitted() + " pages"
                    + (f.records() == null ? "" : ", " + f.records() + " records")
                    : last != null && last.error() != null ? oneLine(last.error()) : "";
            b.append(String.format(Locale.ROOT, format, s.entity(), last == null ? "never" : last.status(),
                    last == null ? "-" : shortTime(last.startedAt()), last == null ? "-" : shortTime(last.finishedAt()),
                    shortTime(s.watermark()), s.watermark() == null ? "-" : lag(Duration.between(s.watermark(), now)),
                    s.rows() == null ? "-" : s.rows(), last == null || last.pages() == null ? "-" : last.pages(), s.deadLetters(), note)
                    .stripTrailing()).append(System.lineSeparator());
        }
        if (!anyRun) {
            b.append("no runs yet").append(System.lineSeparator());
        }
        return b.toString();
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String shortTime(Instant at) {
        return at == null ? "-" : at.toString().substring(0, 19).replace('T', ' ');
    }

    /** 45s, 12m 3s, 5h 2m, 3d 4h. */
    static String lag(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() > ERROR_WIDTH ? line.substring(0, ERROR_WIDTH) + "..." : line;
    }
}
