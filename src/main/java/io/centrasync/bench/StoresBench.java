package io.centrasync.bench;

import io.centrasync.run.ConfigException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code bench stores}: many small stores in one JVM against one store alone. A simulator in a JVM of its own serves
 * every store (each with its own schema on the database); a connector JVM ({@link StoresBenchWorker}) runs first one
 * store, then {@code --stores} of them as {@code run} does, until each has backfilled its orders, and reports the
 * records per second of all of them together (from the first backfill's start to the last one's end, as their
 * {@code sync_runs} rows say), its heap after a major collection, its peak RSS and how long starting the stores took.
 */
final class StoresBench {

    static final String RESULT = "STORES-BENCH ";
    /** How much of a failed connector JVM's output is shown. */
    private static final int MAX_SEEN = 4000;

    private int stores = 50;
    private int orders = 2000;
    private String db = "postgres";
    private String xmx = "512m";
    private String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/test";
    private String postgresUser = "postgres";

    private StoresBench(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--stores" -> stores = positive("--stores", value);
                case "--orders" -> orders = positive("--orders", value);
                case "--db" -> db = oneOf("--db", value, List.of("postgres", "h2"));
                case "--xmx" -> xmx = required("--xmx", value);
                case "--postgres-url" -> postgresUrl = required("--postgres-url", value);
                case "--postgres-user" -> postgresUser = required("--postgres-user", value);
                default -> throw new ConfigException("bench stores: unknown option " + args.get(i)
                        + "; valid: --stores, --orders, --db, --xmx, --postgres-url, --postgres-user");
            }
            i++;
        }
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out) throws IOException, InterruptedException {
        return new StoresBench(args).run(env, out);
    }

    private int run(Map<String, String> env, PrintStream out) throws IOException, InterruptedException {
        String token = "bench-" + UUID.randomUUID();
        out.printf(Locale.ROOT, "bench stores: %d orders per store, %s, connector heap %s%n", orders, db, xmx);
        List<String[]> rows = new ArrayList<>();
        try (SimulatorProcess sim = SimulatorProcess.start(orders, token, "1g", List.of())) {
            for (int n : stores == 1 ? List.of(1) : List.of(1, stores)) {
                rows.add(worker(n, sim.endpoint(), token, env));
            }
        }
        out.println(" stores   records  backfill_s  records/s  heap_after_gc_mb  rss_mb  start_s");
        double alone = 0;
        for (String[] r : rows) {
            double perSecond = Double.parseDouble(r[3]);
            alone = alone == 0 ? perSecond : alone;
            out.printf(Locale.ROOT, "%7s %9s %11s %10.0f %17s %7s %8s%s%n", r[0], r[1], r[2], perSecond, r[4], r[5], r[6],
                    r[0].equals("1") ? "" : String.format(Locale.ROOT, "   (%.1f x one store alone)", perSecond / alone));
        }
        return 0;
    }

    /** One connector JVM with {@code n} stores; its result line, split. */
    private String[] worker(int n, String endpoint, String token, Map<String, String> env) throws IOException, InterruptedException {
        String url = db.equals("h2") ? "jdbc:h2:file:./data/bench-stores-" + UUID.randomUUID().toString().substring(0, 8) : postgresUrl;
        List<String> args = List.of(Integer.toString(n), Integer.toString(orders), endpoint, url,
                db.equals("h2") ? "sa" : postgresUser);
        ProcessBuilder pb = new ProcessBuilder(JavaProcesses.connector(xmx, JavaProcesses.connectorOptions(xmx),
                StoresBenchWorker.class.getName(), args));
        pb.environment().put(StoresBenchWorker.TOKEN, token);
        pb.environment().put(StoresBenchWorker.PASSWORD, env.getOrDefault("BENCH_POSTGRES_PASSWORD", ""));
        pb.redirectErrorStream(true);
        Process process = pb.start();
        Thread takeDown = JavaProcesses.takeDownOnExit(process);
        String result = null;
        StringBuilder seen = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    result = line.substring(RESULT.length());
                } else if (!line.contains(" DEBUG ")) {
                    seen.append(line).append('\n');
                    if (seen.length() > MAX_SEEN) {
                        seen.delete(0, seen.length() - MAX_SEEN);
                    }
                }
            }
        }
        int code = JavaProcesses.waitForOrTakeDown(process);
        JavaProcesses.forget(takeDown);
        if (code != 0 || result == null) {
            throw new IOException("the connector JVM with " + n + " stores failed (exit " + code + "):\n" + seen);
        }
        return result.split(" ");
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(required(option, value));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ConfigException("bench stores: " + option + " must be a positive whole number, got '" + value + "'");
    }

    private static String oneOf(String option, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ConfigException("bench stores: " + option + " must be one of " + allowed + ", got '" + value + "'");
        }
        return value;
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new ConfigException("bench stores: " + option + " needs a value");
        }
        return value;
    }
}
