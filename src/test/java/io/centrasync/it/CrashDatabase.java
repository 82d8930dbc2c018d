package io.centrasync.it;

import org.h2.tools.Server;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database for the crash and outage tests, one that outlives the connector's process and its
 * connections: an H2 file the connector process opens itself (AUTO_SERVER lets this test look in
 * while it runs, and open the file after a kill), an H2 TCP server in this JVM, or a fresh schema in
 * the PostgreSQL test database ({@code TEST_PG_URL}, {@code TEST_PG_USER}, {@code TEST_PG_PASSWORD};
 * skipped with a message when unreachable, a failure under {@code CI=true}).
 */
final class CrashDatabase implements AutoCloseable {

    enum Kind { H2, POSTGRES }

    private static final Pattern PG_URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

    final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String pathAndParams;
    private final Path lockFile;
    private final Server server;
    private final Runnable cleanup;

    private CrashDatabase(Kind kind, String url, String user, String password, String host, int port, String pathAndParams,
                          Path lockFile, Server server, Runnable cleanup) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.pathAndParams = pathAndParams;
        this.lockFile = lockFile;
        this.server = server;
        this.cleanup = cleanup;
    }

    /**
     * An H2 file that the connector process opens in embedded mode, as by default, and that is left
     * behind as it was when the process is killed. AUTO_SERVER lets this test look in meanwhile.
     */
    static CrashDatabase h2File(Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("crash").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        return new CrashDatabase(Kind.H2, url, "sa", "", null, -1, null, dir.resolve("crash.lock.db"), null, () -> { });
    }

    /**
     * After a kill: AUTO_SERVER's lock file names the dead process, and H2 would wait seconds for it
     * to go stale. We know its owner is gone. (Without AUTO_SERVER, as the connector runs by default,
     * H2 locks with the file system, and that lock dies with the process.)
     */
    void ownerKilled() throws java.io.IOException {
        if (lockFile != null) {
            java.nio.file.Files.deleteIfExists(lockFile);
        }
    }

    /** An H2 TCP server in this JVM, so that its connections can be routed through a {@link TcpProxy}. */
    static CrashDatabase h2Server(Path dir) {
        try {
            Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toAbsolutePath().toString(), "-ifNotExists").start();
            String path = "/outage";
            return new CrashDatabase(Kind.H2, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + path, "sa", "", "127.0.0.1",
                    server.getPort(), path, null, server, server::stop);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start an H2 TCP server: " + e.getMessage(), e);
        }
    }

    /** A fresh schema in the PostgreSQL test database, selected with currentSchema and dropped on close. */
    static CrashDatabase postgres() {
        String base = env("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("TEST_PG_USER", "postgres");
        String password = env("TEST_PG_PASSWORD", "");
        Matcher m = PG_URL.matcher(base);
        if (!m.matches()) {
            throw new IllegalStateException("TEST_PG_URL must look like jdbc:postgresql://host:port/database, got " + base);
        }
        String schema = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = connect(base, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + base + " (user " + user + ") is not reachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " -- CI=true requires the PostgreSQL tests to run");
            }
            Assumptions.abort(message + " -- PostgreSQL variant skipped (start PostgreSQL or set TEST_PG_URL; CI=true makes this a failure)");
        }
        String params = (m.group(4) == null ? "?" : m.group(4) + "&") + "currentSchema=" + schema;
        String pathAndParams = "/" + m.group(3) + params;
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        return new CrashDatabase(Kind.POSTGRES, "jdbc:postgresql://" + m.group(1) + ":" + port + pathAndParams, user, password,
                m.group(1), port, pathAndParams, null, null, () -> {
                    try (Connection c = connect(base, user, password); Statement s = c.createStatement()) {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
                    }
                });
    }

    /** Where the database listens (servers only), for a proxy in front of it. */
    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return url;
    }

    /** The same database reached through another port on this host (a proxy). */
    String jdbcUrlVia(int proxyPort) {
        if (host == null) {
            throw new IllegalStateException("an H2 file is not reached over TCP");
        }
        return (kind == Kind.H2 ? "jdbc:h2:tcp://" : "jdbc:postgresql://") + "127.0.0.1:" + proxyPort + pathAndParams;
    }

    /** The connector's environment for this database, optionally through a proxy. */
    Map<String, String> env(Integer proxyPort) {
        Map<String, String> env = new HashMap<>();
        env.put("SINK_JDBC_URL", proxyPort == null ? url : jdbcUrlVia(proxyPort));
        env.put("SINK_JDBC_USER", user);
        env.put("SINK_JDBC_PASSWORD", password);
        return env;
    }

    Connection connect() throws SQLException {
        return connect(url, user, password);
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Rows as maps with lower-case column labels. */
    List<Map<String, Object>> query(String sql) {
        try (Connection c = connect()) {
            return query(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static List<Map<String, Object>> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
        }
    }

    /** Rows of a table, or 0 when the connector has not created it yet. */
    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (tableNotThereYet(e)) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * The migration has not created (or committed) the table yet. H2 reports 42102, 42103 when
     * another session's uncommitted DDL makes the name a "candidate", or 42104 on an empty
     * database; PostgreSQL reports 42P01.
     */
    static boolean tableNotThereYet(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        int code = e.getErrorCode();
        return state.startsWith("42S0") || state.equals("42P01") || code == 42102 || code == 42103 || code == 42104;
    }

    long count(String table) {
        try (Connection c = connect()) {
            return count(c, table);
        } catch (SQLException e) {
            throw new IllegalStateException("count " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        cleanup.run();
    }

    @Override
    public String toString() {
        return kind + (server != null ? " server" : host == null ? " file" : "");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
