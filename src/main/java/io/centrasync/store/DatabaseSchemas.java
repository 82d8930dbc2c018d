package io.centrasync.store;

import io.centrasync.run.ConfigException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** The database schema ({@code sink.schema}) our tables live in: checked, and created when missing. */
public final class DatabaseSchemas {

    /** Lower-case so that it means the same unquoted on H2 (which upper-cases) and PostgreSQL (which lower-cases). */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseSchemas() {
    }

    /** @throws ConfigException when the name is not a plain lower-case SQL name */
    public static String validName(String schema) {
        if (!NAME.matcher(schema).matches()) {
            throw new ConfigException("sink.schema '" + schema + "' is not a plain SQL name (lower-case letters, digits and _,"
                    + " not starting with a digit, at most 63 characters)");
        }
        return schema;
    }

    /**
     * Creates the schema unless it exists. Checked first, because PostgreSQL demands the CREATE
     * privilege on the database even for {@code CREATE SCHEMA IF NOT EXISTS} of an existing schema, and a
     * production user is often only granted its own schema. Uses a connection of its own, before the
     * pool exists, because the pool's connections are set to the schema when they open.
     */
    static void createIfMissing(String url, String user, String password, String schema, Dialect dialect) {
        validName(schema);
        Properties props = new Properties();
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        try (Connection c = DriverManager.getConnection(url, props)) {
            createIfMissing(c, schema, dialect);
        } catch (SQLException e) {
            throw new SinkException("cannot use schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** As above, on {@code c}. */
    static void createIfMissing(Connection c, String schema, Dialect dialect) throws SQLException {
        if (exists(c, dialect.metadataName(schema))) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            // another process created it at the same moment (PostgreSQL: a duplicate in pg_namespace): fine
            if (!exists(c, dialect.metadataName(schema))) {
                throw e;
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.getMetaData().getSchemas(c.getCatalog(), MetadataPatterns.literal(c, name))) {
            while (rs.next()) {
                if (name.equals(rs.getString("TABLE_SCHEM"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
