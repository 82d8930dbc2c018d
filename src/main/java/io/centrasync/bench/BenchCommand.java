package io.centrasync.bench;

import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.run.ConfigException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench}: for each order count, starts the Centra simulator in a JVM of its own and measures,
 * per database and entity, (b) raw write, (a) raw fetch and (c) the end-to-end backfill, in that order,
 * each in a fresh JVM with a fresh schema or database, then prints records/s, c / min(a, b) and the
 * connector's peak memory.
 */
public final class BenchCommand {

    static final String USAGE = "bench [--orders 10000,100000,1000000] [--db h2,postgres] [--phases fetch,write,e2e,budget]"
            + " [--product-sizes 5000] [--purchase-orders 5000] [--budget-orders 20000]"
            + " [--repeat 1] [--xmx 256m] [--jvm-options \"-XX:...\"] [--simulator-xmx 2g] [--warmup 50000] [--warmup-seconds 120] [--postgres-url URL] [--postgres-user U]"
            + " (password: BENCH_POSTGRES_PASSWORD)";

    private final List<Integer> orders = new ArrayList<>(List.of(10_000));
    private final List<String> databases = new ArrayList<>(List.of("h2", "postgres"));
    private final Set<Phase> phases = EnumSet.allOf(Phase.class);
    private String xmx = "256m";
    /** null: the image's options, scaled to --xmx */
    private List<String> jvmOptions;
    private String simulatorXmx = "2g";
    private long warmup = 50_000;
    private long warmupSeconds = 120;
    private int repeat = 1;
    private int budgetOrders = 20_000;
    /**
     * The store beside the orders: M stock rows (about 0.9 x warehouses (4) x product sizes) and P purchase
     * orders (about 1.2 deliveries each). A run of a few pages measures its fill and drain rather than
     * throughput: the first page, which nothing was fetched ahead of, and the last page's write are about
     * 20 ms together, a fifth of a 1,000-purchase-order backfill (5 pages) and a twentieth of this one (25).
     */
    private int productSizes = 5_000;
    private int purchaseOrders = 5_000;
    private String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/test";
    private String postgresUser = "postgres";
    private final String postgresPassword;
    private final List<String> entities;

    private BenchCommand(List<String> args, Settings settings, Map<String, String> env) {
        postgresPassword = env.getOrDefault("BENCH_POSTGRES_PASSWORD", "");
        parse(args);
        try {
            entities = RouteEntities.read(Path.of(settings.get("routes.dir")));
        } catch (java.io.IOException e) {
            throw new ConfigException("bench: cannot read the routes in " + settings.get("routes.dir") + ": " + e.getMessage());
        }
        if (entities.isEmpty()) {
            throw new ConfigException("bench: no entity routes in " + settings.get("routes.dir"));
        }
    }

    public static int run(List<String> args, Settings settings, Map<String, String> env, PrintStream out) {
        if (!args.isEmpty() && (args.get(0).equals("stores") || args.get(0).equals("failover"))) {
            List<String> rest = args.subList(1, args.size());
            try {
                return args.get(0).equals("stores") ? StoresBench.run(rest, env, out) : FailoverBench.run(rest, env, out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } catch (ConfigException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("bench " + args.get(0) + ": " + e.getMessage(), e);
            }
        }
        return of(args, settings, env).run(out);
    }

    /** The command as parsed from {@code args}; a bad option is a {@link ConfigException} with the usage. */
    static BenchCommand of(List<String> args, Settings settings, Map<String, String> env) {
        return new BenchCommand(args, settings, env);
    }

    private int run(PrintStream out) {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ResultTable table = new ResultTable();
        out.printf("bench: orders %s, product sizes %,d, purchase orders %,d, databases %s, entities %s, best of %d,"
                        + " connector JVMs -Xmx%s %s, simulator JVM -Xmx%s, all of them %s, %d cores%n",
                orders, productSizes, purchaseOrders, databases, entities, repeat, xmx, String.join(" ", jvm().options()),
                simulatorXmx, String.join(" ", JavaProcesses.STEADY_STATE_OPTIONS), Runtime.getRuntime().availableProcessors());
        boolean failed = false;
        boolean throughput = phases.stream().anyMatch(p -> p != Phase.BUDGET);
        for (int n : throughput ? orders : List.<Integer>of()) {
            out.printf("%n== %,d orders: starting the simulator%n", n);
            try (SimulatorProcess simulator = SimulatorProcess.start(n, token, simulatorXmx, store())) {
                // the simulator's JIT warms up on the first requests; keep that out of every measurement
                // (passes over a small store until --warmup records were served, as over a large one)
                for (long served = 0; served < warmup; served += Math.min(n, warmup - served)) {
                    WorkerProcess.run(jvm(), Phase.FETCH, entities.get(0), simulator, token, null, warmup - served, 0, 0, "simulator warm-up");
                }
                for (String database : databases) {
                    for (String entity : entities) {
                        Map<Phase, PhaseResult> cell = new EnumMap<>(Phase.class);
                        for (Phase phase : cellOrder(phases)) {
                            cell.put(phase, measure(n, database, entity, phase, simulator, token));
                        }
                        ResultTable.Line line = new ResultTable.Line(n, database, entity, cell.get(Phase.FETCH), cell.get(Phase.WRITE),
                                cell.get(Phase.E2E));
                        table.add(line);
                        ResultTable.header(out);
                        ResultTable.print(out, line);
                    }
                }
            } catch (Exception e) {
                failed = true;
                out.println("bench: " + n + " orders failed: " + e.getMessage());
            }
        }
        if (throughput) {
            out.println();
            table.print(out);
        }
        if (phases.contains(Phase.BUDGET)) {
            try {
                BudgetCheck.print(out, budget(token));
            } catch (Exception e) {
                failed = true;
                out.println("bench: the budget phase failed: " + e.getMessage());
            }
        }
        return failed ? ExitCode.SYNC_FAILED : ExitCode.OK;
    }

    /** Phase (d): one backfill of the first entity (orders) into H2, paced by the Growth plan the simulator enforces. */
    private BudgetCheck.Result budget(String token) throws Exception {
        try (SimulatorProcess simulator = SimulatorProcess.start(budgetOrders, token, simulatorXmx, List.of("--rate-limit", "growth"));
             BenchTarget target = BenchTarget.h2()) {
            PhaseResult run = WorkerProcess.run(jvm(), Phase.BUDGET, entities.get(0), simulator, token, target, Long.MAX_VALUE, 0, 0,
                    label(budgetOrders, "h2", entities.get(0), Phase.BUDGET));
            return BudgetCheck.read(simulator.endpoint(), token, budgetOrders, run.seconds());
        }
    }

    /** The connector JVMs' heap and options (by default those of the Docker image). */
    WorkerProcess.ConnectorJvm jvm() {
        return new WorkerProcess.ConnectorJvm(xmx, jvmOptions != null ? jvmOptions : JavaProcesses.connectorOptions(xmx));
    }

    /** Simulator options for the store beside the orders. */
    List<String> store() {
        return List.of("--product-sizes", Integer.toString(productSizes), "--purchase-orders", Integer.toString(purchaseOrders));
    }

    /**
     * The phases of one line of the table (N, database, entity), in the order they run: (b), then (a) right
     * before (c). The machine's speed drifts over an hour-long run (in one run the same fetch took twice the
     * CPU time in some stretches); measured next to each other, a and c see the same machine, so c / a says
     * how close the routes come to the fetch they contain. (a) writes nothing, so it is measured again for
     * each database rather than once per N.
     */
    static List<Phase> cellOrder(Set<Phase> phases) {
        return Stream.of(Phase.WRITE, Phase.FETCH, Phase.E2E).filter(phases::contains).toList();
    }

    /** The best of {@code --repeat} runs, each into empty tables (none for raw fetch, which writes nothing). */
    private PhaseResult measure(int n, String database, String entity, Phase phase, SimulatorProcess simulator, String token)
            throws Exception {
        List<PhaseResult> runs = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            try (BenchTarget target = phase == Phase.FETCH ? null
                    : database.equals("h2") ? BenchTarget.h2() : BenchTarget.postgres(postgresUrl, postgresUser, postgresPassword)) {
                runs.add(WorkerProcess.run(jvm(), phase, entity, simulator, token, target, Long.MAX_VALUE, warmup, warmupSeconds,
                        label(n, database, entity, phase)));
            }
        }
        return PhaseResult.best(runs);
    }

    private static String label(int n, String database, String entity, Phase phase) {
        return String.format("N=%,d %s %s %s", n, database, entity, phase.label());
    }

    private void parse(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw usage("missing value for " + option);
            }
            String value = args.get(++i);
            switch (option) {
                case "--orders" -> {
                    orders.clear();
                    for (String v : value.split(",")) {
                        orders.add(count(v.trim()));
                    }
                }
                case "--db" -> {
                    databases.clear();
                    for (String v : value.split(",")) {
                        String db = v.trim().toLowerCase(Locale.ROOT);
                        if (!db.equals("h2") && !db.equals("postgres")) {
                            throw usage("--db takes h2 and/or postgres, got '" + v + "'");
                        }
                        databases.add(db);
                    }
                }
                case "--phases" -> {
                    phases.clear();
                    for (String v : value.split(",")) {
                        try {
                            phases.add(Phase.valueOf(v.trim().toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw usage("--phases takes fetch, write, e2e and/or budget, got '" + v + "'");
                        }
                    }
                }
                case "--xmx" -> xmx = heap(value);
                case "--jvm-options" -> {
                    // replaces the image's GC options (JavaProcesses.connectorOptions), e.g. to compare shapes
                    jvmOptions = List.of(value.trim().split("\\s+"));
                    if (jvmOptions.stream().anyMatch(o -> !o.startsWith("-X"))) {
                        throw usage("--jvm-options takes -X... JVM options separated by spaces, got '" + value + "'");
                    }
                }
                case "--simulator-xmx" -> simulatorXmx = heap(value);
                case "--warmup" -> warmup = count(value);
                case "--warmup-seconds" -> warmupSeconds = count(value);
                case "--product-sizes" -> productSizes = Math.max(1, count(value));
                case "--purchase-orders" -> purchaseOrders = count(value);
                case "--budget-orders" -> budgetOrders = Math.max(1, count(value));
                case "--repeat" -> repeat = Math.max(1, count(value));
                case "--postgres-url" -> {
                    if (!value.startsWith("jdbc:postgresql:")) {
                        throw usage("--postgres-url must be a jdbc:postgresql: URL");
                    }
                    postgresUrl = value;
                }
                case "--postgres-user" -> postgresUser = value;
                default -> throw usage("unknown option " + option);
            }
        }
    }

    private static int count(String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw usage("expected a whole number >= 0, got '" + value + "'");
    }

    private static String heap(String value) {
        if (!value.matches("\\d+[kmgKMG]?")) {
            throw usage("expected a heap size such as 512m or 2g, got '" + value + "'");
        }
        return value;
    }

    private static ConfigException usage(String message) {
        return new ConfigException("bench: " + message + " (usage: " + USAGE + ")");
    }
}
