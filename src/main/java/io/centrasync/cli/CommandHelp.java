package io.centrasync.cli;

import io.centrasync.run.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One command's usage: what {@code <command> --help} prints, the line in the overall usage, and the options an
 * unknown one is checked against. A new command needs one entry in {@link #ALL} (and its case in
 * {@link CentraSyncMain}).
 *
 * @param name     the command word
 * @param synopsis what follows the command word, e.g. {@code [ENTITY...] [--full]}
 * @param summary  one line: what it does
 * @param options  its options (those taking a value name it; {@code --help} is implied)
 * @param exits    its exit codes, one line each, e.g. {@code 0 all synced}
 */
record CommandHelp(String name, String synopsis, String summary, List<Option> options, List<String> exits) {

    /** An option; {@code value} is null for a flag, else what it takes (e.g. {@code N}). */
    record Option(String name, String value, String description) {
        static Option flag(String name, String description) {
            return new Option(name, null, description);
        }

        static Option of(String name, String value, String description) {
            return new Option(name, value, description);
        }
    }

    private static final String OK = "0 ok";
    private static final String SYNC_FAILED = "1 a run failed or the database is unreachable (a rerun resumes)";
    private static final String CONFIG = "2 configuration or usage error";
    private static final String DEAD_LETTERS = "3 records were dead-lettered (dlq list shows them)";

    /** With stores declared (setting stores): the one store to serve; without it, every store in turn. */
    private static final Option STORE = Option.of("--store", "NAME", "only this store of the setting stores (default: each)");

    /** Every command, in the order the overall usage lists them. */
    static final List<CommandHelp> ALL = List.of(
            new CommandHelp("demo", "[--orders N]",
                    "start the Centra simulator and sync everything into ./data/centra-sync-demo (H2)",
                    List.of(Option.of("--orders", "N", "orders the simulator makes up (default 1000)")),
                    List.of(OK, SYNC_FAILED, CONFIG, DEAD_LETTERS)),
            new CommandHelp("sync", "[ENTITY...] [--full] [--allow-shrink]",
                    "one pass of the named entities (default: all), then exit",
                    List.of(Option.flag("--full", "read everything again from the beginning"),
                            Option.flag("--allow-shrink", "let a snapshot shrink its table by more than sink.snapshot-max-shrink"), STORE),
                    List.of(OK, SYNC_FAILED, CONFIG, DEAD_LETTERS)),
            new CommandHelp("run", "", "run the schedules (schedule.<entity>) until SIGTERM; with stores declared, all in one process",
                    List.of(Option.of("--store", "NAME", "only this store of the setting stores (default: all)")), List.of("143 stopped by SIGTERM (128 + 15, as any JVM; Docker counts it a clean stop)", SYNC_FAILED, CONFIG)),
            new CommandHelp("status", "[--json]",
                    "per entity: last run, watermark and lag, rows, dead letters, a run in flight (needs only the database)",
                    List.of(Option.flag("--json", "one JSON document, its fields in docs/operations.md (version 1)"), STORE),
                    List.of(OK, "1 the database is unreachable", CONFIG)),
            new CommandHelp("dlq", "list|replay [--entity E]",
                    "show dead letters (list), or run them through the current mapping (replay)",
                    List.of(Option.of("--entity", "E", "only this entity's dead letters"), STORE),
                    List.of(OK, "1 the database is unreachable", CONFIG, "3 replay: records still fail (or are no longer mapped)")),
            new CommandHelp("validate", "[--schema FILE|none]",
                    "check settings, routes and mappings offline (queries against a GraphQL schema)",
                    List.of(Option.of("--schema", "FILE|none", "GraphQL SDL to check the queries against"
                            + " (default: the built-in Centra simulator schema; none: skip)"), STORE),
                    List.of("0 valid", "2 a problem, named file:line")),
            new CommandHelp("check", "",
                    "reach the store with the token: the queries against its live schema, permissions, the cost of a page",
                    List.of(STORE),
                    List.of("0 all is well", "1 the store cannot be reached, refuses the token or withholds a permission",
                            "2 a mismatch in our files (named file:line), or a configuration error")),
            new CommandHelp("simulator", "[--port P] [--orders N] [--token T] [--seed S] ...",
                    "run the Centra simulator alone",
                    List.of(Option.of("--port", "P", "port on 127.0.0.1 (default 8099; 0 = any free one)"),
                            Option.of("--orders", "N", "orders (default 1000)"),
                            Option.of("--token", "T", "the token it accepts (default centra-sim-token)"),
                            Option.of("--seed", "S", "random seed of the made-up data (default 42)"),
                            Option.of("--product-sizes", "N", "product sizes (default 200)"),
                            Option.of("--warehouses", "N", "warehouses, 1-6 (default 4)"),
                            Option.of("--purchase-orders", "N", "purchase orders (default 100)"),
                            Option.of("--threads", "N", "HTTP threads (default 8)"),
                            Option.of("--anchor", "TIME", "latest made-up timestamp (default: now)"),
                            Option.of("--rate-limit", "none|growth", "enforce a Centra plan's rate limits"),
                            Option.of("--retry-after", "seconds|http-date|epoch", "format of Retry-After on a 429"),
                            Option.of("--withhold", "PERMISSION,...", "permissions the token lacks, e.g. Order.attributes:read")),
                    List.of("0 stopped", "1 cannot listen", "2 usage error")),
            new CommandHelp("bench", "[stores|failover] [--orders 10000,100000] [--db h2,postgres] ...",
                    "measure fetch, write and end-to-end throughput; bench stores: many stores in one JVM against one;"
                            + " bench failover: kill -9 the busy node of a cluster, time until another commits",
                    List.of(Option.of("--orders", "N,...", "order counts, one simulator each (default 10000; bench stores: per store, 2000)"),
                            Option.of("--db", "h2,postgres", "databases (default both)"),
                            Option.of("--phases", "fetch,write,e2e,budget", "what to measure (default all)"),
                            Option.of("--product-sizes", "N", "product sizes beside the orders (default 5000)"),
                            Option.of("--purchase-orders", "N", "purchase orders beside the orders (default 5000)"),
                            Option.of("--budget-orders", "N", "orders of the budget phase (default 20000)"),
                            Option.of("--repeat", "N", "best of N runs (default 1)"),
                            Option.of("--xmx", "SIZE", "connector JVMs' heap (default 256m)"),
                            Option.of("--jvm-options", "\"-X...\"", "connector JVMs' options instead of the image's"),
                            Option.of("--simulator-xmx", "SIZE", "simulator JVM's heap (default 2g)"),
                            Option.of("--warmup", "N", "records served before measuring (default 50000)"),
                            Option.of("--warmup-seconds", "N", "longest warm-up (default 120)"),
                            Option.of("--postgres-url", "URL", "jdbc:postgresql: URL (password: BENCH_POSTGRES_PASSWORD)"),
                            Option.of("--postgres-user", "U", "PostgreSQL user (default postgres)"),
                            Option.of("--stores", "N", "bench stores: how many stores in one JVM (default 50)"),
                            Option.of("--nodes", "N", "bench failover: run nodes on one PostgreSQL schema (default 3)"),
                            Option.of("--kills", "N", "bench failover: how often the busy node is killed (default 3)"),
                            Option.of("--checkin", "DURATION", "bench failover: cluster.checkin-interval (default PT5S)")),
                    List.of("0 measured", "1 a measurement failed", "2 usage error")),
            new CommandHelp("help", "[COMMAND]", "this overview, or a command's usage",
                    List.of(), List.of("0 ok", "2 unknown command")));

    static Optional<CommandHelp> of(String name) {
        return ALL.stream().filter(c -> c.name.equals(name)).findFirst();
    }

    /** The overall usage: one line per command, then the exit codes. */
    static String overview() {
        List<String> lines = new ArrayList<>();
        lines.add("usage: java -jar centra-sync.jar <command> [options]    (<command> --help: its options)");
        for (CommandHelp c : ALL) {
            String head = "  " + c.name + (c.synopsis.isEmpty() ? "" : " " + c.synopsis);
            lines.add(String.format("%-54s %s", head, c.summary));
        }
        lines.add("exit codes: " + String.join(", ", OK, SYNC_FAILED, CONFIG, DEAD_LETTERS));
        return String.join(System.lineSeparator(), lines);
    }

    /** What {@code <command> --help} prints. */
    String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("usage: java -jar centra-sync.jar " + name + (synopsis.isEmpty() ? "" : " " + synopsis));
        lines.add("  " + summary);
        lines.add("options:");
        for (Option o : options) {
            lines.add(String.format("  %-34s %s", o.name + (o.value == null ? "" : " " + o.value), o.description));
        }
        lines.add(String.format("  %-34s %s", "-h, --help", "this help"));
        lines.add("exit codes:");
        exits.forEach(e -> lines.add("  " + e));
        return String.join(System.lineSeparator(), lines);
    }

    /**
     * Looks at the arguments as the command will: true when {@code --help} or {@code -h} stands where an option
     * may; a {@link ConfigException} naming the valid options for an unknown one. Values of options are skipped,
     * words that do not start with {@code -} are the command's to judge.
     */
    boolean wantsHelp(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
            if (!arg.startsWith("-")) {
                continue;
            }
            String optionName = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Option option = options.stream().filter(o -> o.name.equals(optionName)).findFirst()
                    .orElseThrow(() -> new ConfigException(name + ": unknown option " + optionName + "; valid: " + validOptions()));
            if (option.value != null && !arg.contains("=")) {
                i++;
            }
        }
        return false;
    }

    private String validOptions() {
        return options.isEmpty() ? "--help" : options.stream().map(Option::name).collect(Collectors.joining(", "));
    }
}
