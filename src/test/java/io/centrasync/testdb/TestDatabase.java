package io.centrasync.testdb;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.store.DataSources;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A private database for one test: a fresh in-memory H2 database, or a fresh schema in the
 * PostgreSQL test database ({@link PostgresServer}) that is dropped on {@link #close()}. The connector
 * is pointed at it through {@link #applyTo}, so on PostgreSQL it also exercises {@code sink.schema}.
 */
public final class TestDatabase implements AutoCloseable {

    /** The databases the end-to-end and sink tests run against. */
    public enum Kind {
        H2, POSTGRES;

        public TestDatabase open() {
            return this == H2 ? h2() : postgres();
        }
    }

    private final Kind kind;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String schema;

    private TestDatabase(Kind kind, String jdbcUrl, String user, String password, String schema) {
        this.kind = kind;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** A fresh in-memory H2 database in its default schema. */
    public static TestDatabase h2() {
        return new TestDatabase(Kind.H2, "jdbc:h2:mem:it-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", "");
    }

    /**
     * A fresh schema name in the PostgreSQL test database (the connector creates it). Skips the calling
     * test when PostgreSQL is unreachable, or fails it under {@code CI=true}.
     */
    public static TestDatabase postgres() {
        PostgresServer.assumeReachable();
        return new TestDatabase(Kind.POSTGRES, PostgresServer.url(), PostgresServer.user(), PostgresServer.password(),
                freshSchemaName());
    }

    /** The same database, working in another schema (dropped on close when on PostgreSQL). */
    public TestDatabase withSchema(String otherSchema) {
        return new TestDatabase(kind, jdbcUrl, user, password, otherSchema);
    }

    public static String freshSchemaName() {
        return "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public Kind kind() {
        return kind;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The schema our tables go to, or empty for the connection's default. */
    public String schema() {
        return schema;
    }

    /** Points connector settings at this database. */
    public void applyTo(Properties settings) {
        settings.setProperty("sink.jdbc-url", jdbcUrl);
        settings.setProperty("sink.jdbc-user", user);
        settings.setProperty("sink.jdbc-password", password);
        settings.setProperty("sink.schema", schema);
    }

    /** A pool as the connector opens it (creating the schema if needed). */
    public HikariDataSource dataSource(int poolSize) {
        return DataSources.create(jdbcUrl, user, password, poolSize, schema);
    }

    /** A plain connection working in this database's schema. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        if (!schema.isEmpty()) {
            c.setSchema(kind == Kind.H2 ? schema.toUpperCase(Locale.ROOT) : schema);
        }
        return c;
    }

    /** Rows as maps with lower-case column labels. */
    public List<Map<String, Object>> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops the PostgreSQL schema with everything in it; an H2 memory database goes with the JVM. */
    @Override
    public void close() {
        if (kind == Kind.POSTGRES) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return kind + (schema.isEmpty() ? "" : " schema " + schema);
    }
}
