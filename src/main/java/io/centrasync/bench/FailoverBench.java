package io.centrasync.bench;

import io.centrasync.run.ConfigException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench failover}: {@code --nodes} {@code run} JVMs with {@code cluster.enabled} on one PostgreSQL schema
 * backfill the simulator's orders, paced so that the backfill lasts; {@code --kills} times the node committing the
 * backfill's pages is killed (kill -9) and another started in its place. Each failover is the time from the kill to
 * the next page committed by another node, as their logs tell. At the end the orders table must hold every order.
 */
final class FailoverBench {

    private static final Pattern COMMITTED = Pattern.compile("orders: page (\\d+) committed");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** The command line's entry point, by name: the bench sits below the command line in the package ladder. */
    private static final String CLI_MAIN = "io.centrasync.cli.CentraSyncMain";

    private int nodes = 3;
    private int kills = 3;
    private int orders = 30_000;
    private String checkin = "PT5S";
    private String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/test";
    private String postgresUser = "postgres";

    private FailoverBench(List<String> args) {
        for (int i = 0; i < args.size(); i += 2) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null) {
                throw new ConfigException("bench failover: " + args.get(i) + " needs a value");
            }
            switch (args.get(i)) {
                case "--nodes" -> nodes = Math.max(2, Integer.parseInt(value));
                case "--kills" -> kills = Integer.parseInt(value);
                case "--orders" -> orders = Integer.parseInt(value);
                case "--checkin" -> checkin = value;
                case "--postgres-url" -> postgresUrl = value;
                case "--postgres-user" -> postgresUser = value;
                default -> throw new ConfigException("bench failover: unknown option " + args.get(i)
                        + "; valid: --nodes, --kills, --orders, --checkin, --postgres-url, --postgres-user");
            }
        }
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out) throws Exception {
        return new FailoverBench(args).run(env, out);
    }

    private int run(Map<String, String> env, PrintStream out) throws Exception {
        String password = env.getOrDefault("BENCH_POSTGRES_PASSWORD", "");
        String schema = "failover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String token = "bench-" + UUID.randomUUID();
        Path logs = Files.createTempDirectory("centra-sync-failover");
        out.printf(Locale.ROOT, "bench failover: %d nodes, %d orders, cluster.checkin-interval %s, %d kills; logs in %s%n",
                nodes, orders, checkin, kills, logs);
        sql(password, "CREATE SCHEMA " + schema);
        List<Node> running = new ArrayList<>();
        try (SimulatorProcess sim = SimulatorProcess.start(orders, token, "1g", List.of())) {
            Map<String, String> nodeEnv = nodeEnv(sim.endpoint(), token, schema, password);
            for (int i = 0; i < nodes; i++) {
                running.add(Node.start(nodeEnv, logs, running.size() + 1));
            }
            int nextLog = nodes + 1;
            List<Double> failovers = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                Node busy = await(running, null, 10);
                int page = busy.lastPage();
                long killed = System.nanoTime();
                busy.process.destroyForcibly();
                running.remove(busy);
                Node next = await(running, busy, 1);
                double seconds = (System.nanoTime() - killed) / 1e9;
                failovers.add(seconds);
                out.printf(Locale.ROOT, "kill %d: node %s killed after page %d; node %s committed page %d %.1f s later%n",
                        kill, busy.name, page, next.name, next.lastPage(), seconds);
                running.add(Node.start(nodeEnv, logs, nextLog++));
            }
            long rows = awaitAllOrders(password, schema);
            failovers.sort(Double::compare);
            out.printf(Locale.ROOT, "failover: min %.1f s, median %.1f s, max %.1f s; orders in the table: %d of %d%n",
                    failovers.get(0), failovers.get(failovers.size() / 2), failovers.get(failovers.size() - 1), rows, orders);
            return rows == orders ? 0 : 1;
        } finally {
            running.forEach(n -> n.process.destroyForcibly());
            sql(password, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Map<String, String> nodeEnv(String endpoint, String token, String schema, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("CENTRA_ENDPOINT", endpoint);
        env.put("CENTRA_TOKEN", token);
        env.put("SINK_JDBC_URL", postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        env.put("SINK_JDBC_USER", postgresUser);
        env.put("SINK_JDBC_PASSWORD", password);
        env.put("CLUSTER_ENABLED", "true");
        env.put("CLUSTER_CHECKIN_INTERVAL", checkin);
        env.put("LOG_LEVEL", "DEBUG"); // a line per committed page
        env.put("OBSERVE_ENABLED", "false");
        // paced to 2 pages a second, so the backfill outlasts the kills
        env.put("CENTRA_RATE_READ_LIMITS", "false");
        env.put("CENTRA_RATE_REQUESTS_PER_10S", "20");
        env.put("SCHEDULE_ORDERS", "0/5 * * * * ?");
        for (String other : List.of("INVENTORY", "PURCHASE_ORDERS", "PURCHASE_ORDER_DELIVERIES")) {
            env.put("SCHEDULE_" + other, "0 0 0 1 1 ?");
        }
        return env;
    }

    /** The node (not {@code except}) that committed {@code pages} more pages since this was asked. */
    private static Node await(List<Node> nodes, Node except, int pages) throws InterruptedException {
        Map<Node, Integer> before = new HashMap<>();
        nodes.forEach(n -> before.put(n, n.pagesCommitted()));
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            for (Node n : nodes) {
                if (n != except && n.pagesCommitted() - before.get(n) >= pages) {
                    return n;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no node committed " + pages + " pages within " + TIMEOUT);
    }

    private long awaitAllOrders(String password, String schema) throws SQLException, InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        long rows = 0;
        while (System.nanoTime() < end) {
            try (Connection c = DriverManager.getConnection(postgresUrl, postgresUser, password); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + schema + ".orders), (SELECT COUNT(*) FROM " + schema
                         + ".sync_runs WHERE entity = 'orders' AND status = 'ok' AND records > 0)")) {
                rs.next();
                rows = rs.getLong(1);
                if (rs.getLong(2) > 0) {
                    return rows;
                }
            }
            Thread.sleep(500);
        }
        return rows;
    }

    private void sql(String password, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgresUrl, postgresUser, password); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** A {@code run} JVM and its log. */
    private record Node(String name, Process process, Path log) {

        static Node start(Map<String, String> env, Path logs, int number) throws IOException {
            Path log = logs.resolve("node-" + number + ".log");
            ProcessBuilder pb = new ProcessBuilder(JavaProcesses.connector("256m", JavaProcesses.connectorOptions("256m"),
                    CLI_MAIN, List.of("run")));
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            return new Node("#" + number, pb.start(), log);
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        int pagesCommitted() {
            Matcher m = COMMITTED.matcher(output());
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        int lastPage() {
            Matcher m = COMMITTED.matcher(output());
            int page = 0;
            while (m.find()) {
                page = Integer.parseInt(m.group(1));
            }
            return page;
        }
    }
}
