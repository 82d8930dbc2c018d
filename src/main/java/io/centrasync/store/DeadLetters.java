package io.centrasync.store;

import io.centrasync.run.DeadLetter;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code dead_letter} table ({@link SystemTables#deadLetter}), one row per (entity, record key): a record that fails again only
 * updates its row (reason, payload, attempts), and a record that maps again leaves the table.
 * Writes happen inside the page transaction, so dead letters commit with the checkpoint.
 */
public final class DeadLetters {

    private static final int MAX_KEY = 500;

    private final String table;

    public DeadLetters(SystemTables tables) {
        this.table = tables.deadLetter();
    }

    public void write(Connection c, String entity, String runId, List<DeadLetter> letters) throws SQLException {
        if (letters.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET reason = ?, payload = ?, attempts = attempts + 1,"
                + " last_seen_at = ?, run_id = ? WHERE entity = ? AND record_key = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (entity, record_key, reason, payload, attempts,"
                     + " first_seen_at, last_seen_at, run_id) VALUES (?, ?, ?, ?, 1, ?, ?, ?)")) {
            for (DeadLetter letter : letters) {
                String key = storedKey(letter);
                update.setString(1, letter.reason());
                update.setString(2, letter.payload());
                Jdbc.setInstant(update, 3, now);
                update.setString(4, runId);
                update.setString(5, entity);
                update.setString(6, key);
                if (update.executeUpdate() == 0) {
                    insert.setString(1, entity);
                    insert.setString(2, key);
                    insert.setString(3, letter.reason());
                    insert.setString(4, letter.payload());
                    Jdbc.setInstant(insert, 5, now);
                    Jdbc.setInstant(insert, 6, now);
                    insert.setString(7, runId);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** A stored dead letter. */
    public record Stored(String entity, String recordKey, int attempts, java.time.Instant firstSeen, java.time.Instant lastSeen,
                         String reason, String payload) {
    }

    /** Dead letters, oldest first; all entities when {@code entity} is null. */
    public List<Stored> list(Connection c, String entity) throws SQLException {
        String sql = "SELECT * FROM " + table + (entity == null ? "" : " WHERE entity = ?") + " ORDER BY entity, first_seen_at, record_key";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (entity != null) {
                ps.setString(1, entity);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                List<Stored> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(new Stored(rs.getString("entity"), rs.getString("record_key"), rs.getInt("attempts"),
                            Jdbc.getInstant(rs, "first_seen_at"), Jdbc.getInstant(rs, "last_seen_at"), rs.getString("reason"),
                            rs.getString("payload")));
                }
                return out;
            }
        }
    }

    /** Whether the entity has any dead letter at all (most runs: none, and then nothing needs resolving). */
    boolean any(Connection c, String entity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE entity = ? FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, entity);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records of these keys mapped fine this time: their old dead letters are resolved. */
    public void resolve(Connection c, String entity, Collection<String> recordKeys) throws SQLException {
        if (recordKeys.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("DELETE FROM " + table + " WHERE entity = ? AND record_key IN (");
        sql.append("?, ".repeat(recordKeys.size()));
        sql.setLength(sql.length() - 2);
        sql.append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, entity);
            int i = 2;
            for (String key : recordKeys) {
                ps.setString(i++, key);
            }
            ps.executeUpdate();
        }
    }

    /** A record whose key could not be read is filed under a hash of its payload, so repeats do not pile up. */
    static String storedKey(DeadLetter letter) {
        if (letter.recordKey() != null) {
            return letter.recordKey().length() <= MAX_KEY ? letter.recordKey() : letter.recordKey().substring(0, MAX_KEY);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(letter.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "unkeyed:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
