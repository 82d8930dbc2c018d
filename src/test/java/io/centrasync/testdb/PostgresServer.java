package io.centrasync.testdb;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL server the tests use: {@code TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code TEST_PG_USER} (default {@code postgres}),
 * {@code TEST_PG_PASSWORD} (default empty). When it cannot be reached, PostgreSQL tests are skipped
 * with the reason, except under {@code CI=true}, where a missing database must not pass unnoticed.
 */
public final class PostgresServer {

    private static volatile String unreachable;
    private static volatile boolean checked;

    private PostgresServer() {
    }

    public static String url() {
        return env("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String user() {
        return env("TEST_PG_USER", "postgres");
    }

    public static String password() {
        return env("TEST_PG_PASSWORD", "");
    }

    /** Skips (or under CI=true fails) the calling test when PostgreSQL cannot be reached. Checked once per JVM. */
    public static void assumeReachable() {
        String reason = unreachableReason();
        if (reason == null) {
            return;
        }
        String message = "PostgreSQL at " + url() + " (user " + user() + ") is not reachable: " + reason;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " -- CI=true requires the PostgreSQL tests to run (.ci/run starts the server)");
        }
        Assumptions.abort(message + " -- PostgreSQL tests skipped; start PostgreSQL or set TEST_PG_URL (CI=true makes this a failure)");
    }

    private static synchronized String unreachableReason() {
        if (!checked) {
            Properties props = new Properties();
            props.setProperty("user", user());
            props.setProperty("password", password());
            props.setProperty("connectTimeout", "3");
            props.setProperty("loginTimeout", "5");
            try (Connection c = DriverManager.getConnection(url(), props)) {
                unreachable = c.isValid(3) ? null : "connection not valid";
            } catch (SQLException e) {
                unreachable = e.getMessage();
            }
            checked = true;
            if (unreachable != null) {
                System.err.println("WARNING: PostgreSQL tests cannot run: " + unreachable);
            }
        }
        return unreachable;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
