package io.centrasync.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The tables of a clustered Quartz scheduler (its JDBC JobStore), created from the script Quartz ships for
 * PostgreSQL with our prefix instead of {@code QRTZ_}, indexes included: a host's own Quartz tables stay theirs.
 */
public final class QuartzTables {

    /** The prefix of our Quartz tables (Quartz's {@code org.quartz.jobStore.tablePrefix}). */
    public static final String PREFIX = "centra_qrtz_";
    private static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    private static final Pattern QUARTZ_PREFIX = Pattern.compile("qrtz_", Pattern.CASE_INSENSITIVE);

    private QuartzTables() {
    }

    /** Creates the tables unless they are there (call under {@link SchemaLock}); true when it created them. */
    public static boolean ensure(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c)) {
                return false;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : statements()) {
                    s.execute(statement);
                }
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            throw new SinkException("cannot create the tables of the clustered scheduler (" + PREFIX + "*): " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), PREFIX + "locks", new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /** Quartz's script without its comments and DROP statements, our prefix for its. */
    static List<String> statements() {
        String script;
        try (InputStream in = QuartzTables.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("Quartz's " + SCRIPT + " is not on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Quartz's " + SCRIPT + ": " + e.getMessage(), e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : sql.toString().split(";")) {
            String trimmed = statement.trim();
            String upper = trimmed.toUpperCase(Locale.ROOT);
            if (upper.startsWith("CREATE ")) {
                statements.add(QUARTZ_PREFIX.matcher(trimmed).replaceAll(PREFIX));
            }
        }
        return statements;
    }
}
