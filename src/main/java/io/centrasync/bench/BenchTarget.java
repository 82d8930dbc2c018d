package io.centrasync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Empty tables for one measurement: a new H2 file database in a temporary folder, or a new schema in
 * the PostgreSQL database; removed again by {@link #close()}.
 */
final class BenchTarget implements AutoCloseable {

    private final String database;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final Path folder;

    private BenchTarget(String database, String url, String user, String password, String schema, Path folder) {
        this.database = database;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.folder = folder;
    }

    static BenchTarget h2() throws IOException {
        Path folder = Files.createTempDirectory("centra-bench-h2");
        return new BenchTarget("h2", "jdbc:h2:file:" + folder.resolve("bench").toAbsolutePath(), "sa", "", "", folder);
    }

    static BenchTarget postgres(String url, String user, String password) {
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new BenchTarget("postgres", url, user, password, schema, null);
    }

    String database() {
        return database;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String schema() {
        return schema;
    }

    @Override
    public void close() throws IOException, SQLException {
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } else {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
