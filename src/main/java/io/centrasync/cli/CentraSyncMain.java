package io.centrasync.cli;

import io.centrasync.bench.BenchCommand;
import io.centrasync.camel.Database;
import io.centrasync.camel.DatabaseUnavailableException;
import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.run.ConfigException;
import io.centrasync.simulator.CentraSimulator;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Command-line entry point: {@code java -jar centra-sync.jar <command> [options]}. */
public final class CentraSyncMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar centra-sync.jar <command> [options]",
            "  demo [--orders N]         start the Centra simulator and sync everything into ./data/centra-sync-demo (H2)",
            "  sync [ENTITY...] [--full] one pass of the named entities (default: all), then exit",
            "  run                       run the schedules until SIGTERM",
            "  status [--json]           per entity: last run, watermark and lag, rows, dead letters, run in flight (database only)",
            "  dlq list|replay [--entity E]   show dead letters, or run them through the current mapping",
            "  validate [--schema FILE|none]   check routes and mappings offline (queries against a GraphQL schema)",
            "  check                     reach the store with the token: queries against its schema, permissions, cost of a page",
            "  simulator [--port P] [--orders N] [--token T] [--seed S]   run the Centra simulator alone",
            "  bench [--orders 10000,100000] [--db h2,postgres] ...       measure fetch, write and end-to-end throughput",
            "exit codes: 0 ok, 1 sync failed (a rerun resumes; check: the store cannot be reached or refuses),"
                    + " 2 configuration or usage error (check: a mismatch in our files), 3 records dead-lettered");

    private CentraSyncMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole CLI with its environment and streams passed in (tests and embedding use this). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? ExitCode.CONFIG : ExitCode.OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "simulator" -> CentraSimulator.runCli(rest.toArray(String[]::new));
                case "demo" -> DemoCommand.run(rest, Settings.load(env, System.getProperties()), out);
                case "sync" -> SyncCommand.run(rest, Settings.load(env, System.getProperties()), env, out);
                case "run" -> RunCommand.run(rest, Settings.load(env, System.getProperties()), env);
                case "status" -> StatusCommand.run(rest, Settings.load(env, System.getProperties()), out);
                case "dlq" -> DlqCommand.run(rest, Settings.load(env, System.getProperties()), out);
                case "validate" -> ValidateCommand.run(rest, Settings.load(env, System.getProperties()), out, err);
                case "check" -> CheckCommand.run(rest, Settings.load(env, System.getProperties()), env, out, err);
                case "bench" -> BenchCommand.run(rest, Settings.load(env, System.getProperties()), env, out);
                default -> throw new ConfigException("unknown command '" + args[0] + "'\n" + USAGE);
            };
        } catch (ConfigException e) {
            err.println("centra-sync: " + e.getMessage());
            return ExitCode.CONFIG;
        } catch (DatabaseUnavailableException e) {
            err.println("centra-sync: " + e.getMessage());
            return ExitCode.SYNC_FAILED;
        } catch (RuntimeException e) {
            err.println("centra-sync: failed: " + Database.rootMessage(e));
            return ExitCode.SYNC_FAILED;
        }
    }
}
