package io.centrasync.testdb;

import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.store.DataSources;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A locked-down PostgreSQL, as some administrators set it up: a fresh database on the test server whose
 * users may not create temporary tables (TEMPORARY revoked from PUBLIC), a role without superuser rights,
 * and a schema {@value #SCHEMA} the role owns. Needs a superuser as {@code TEST_PG_USER} (the test is
 * skipped with the reason otherwise); the database and the role are dropped on {@link #close()}.
 */
public final class PostgresWithoutTemporaryTables implements AutoCloseable {

    public static final String SCHEMA = "work";

    private final String database;
    private final String role;
    private final String rolePassword = UUID.randomUUID().toString();

    private PostgresWithoutTemporaryTables(String suffix) {
        database = "it_notemp_" + suffix;
        role = "it_notemp_" + suffix;
    }

    public static PostgresWithoutTemporaryTables create() throws SQLException {
        PostgresServer.assumeReachable();
        PostgresWithoutTemporaryTables pg = new PostgresWithoutTemporaryTables(UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (Connection c = asSuperuser(PostgresServer.url()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                Assumptions.assumeTrue(rs.next() && rs.getBoolean(1),
                        "creating a database and a role needs a superuser as TEST_PG_USER (" + PostgresServer.user() + " is not)");
            }
        }
        try {
            try (Connection c = asSuperuser(PostgresServer.url()); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + pg.role + " LOGIN PASSWORD '" + pg.rolePassword + "'");
                s.execute("CREATE DATABASE " + pg.database);
                s.execute("REVOKE TEMPORARY ON DATABASE " + pg.database + " FROM PUBLIC");
            }
            try (Connection c = asSuperuser(pg.jdbcUrl()); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + SCHEMA + " AUTHORIZATION " + pg.role);
            }
            return pg;
        } catch (SQLException | RuntimeException e) {
            // whatever was created before the failure goes again
            try {
                pg.close();
            } catch (SQLException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The test server's URL with this database in it. */
    public String jdbcUrl() {
        return PostgresServer.url().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }

    /** A pool as the connector opens it, as the locked-down role, working in {@value #SCHEMA}. */
    public HikariDataSource dataSource() {
        return DataSources.create(jdbcUrl(), role, rolePassword, 2, SCHEMA);
    }

    /** Drops the database and the role; close every pool on the database first. */
    @Override
    public void close() throws SQLException {
        try (Connection c = asSuperuser(PostgresServer.url()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    private static Connection asSuperuser(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.user(), PostgresServer.password());
    }
}
