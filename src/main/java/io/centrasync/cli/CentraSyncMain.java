package io.centrasync.cli;

import io.centrasync.bench.BenchCommand;
import io.centrasync.camel.Database;
import io.centrasync.camel.DatabaseUnavailableException;
import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.camel.Stores;
import io.centrasync.run.ConfigException;
import io.centrasync.simulator.CentraSimulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line entry point: {@code java -jar centra-sync.jar <command> [options]}. */
public final class CentraSyncMain {

    /** The overall usage (one line per command of {@link CommandHelp#ALL}). */
    static final String USAGE = CommandHelp.overview();

    private CentraSyncMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The commands that serve a store: with stores declared, each of them (or the one of {@code --store NAME}). */
    private static final Set<String> PER_STORE = Set.of("sync", "run", "status", "dlq", "validate", "check");

    private static int dispatch(String command, List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (!PER_STORE.contains(command)) {
            return command(command, args, Settings.load(env, System.getProperties()), env, out, err);
        }
        List<String> rest = new ArrayList<>(args);
        String store = storeOption(rest);
        Settings common = Settings.load(env, System.getProperties());
        if (store != null) {
            return command(command, rest, Stores.settings(common, store, env), Stores.env(env, common, store), out, err);
        }
        List<String> stores = Stores.names(common);
        if (stores.isEmpty()) {
            return command(command, rest, common, env, out, err);
        }
        if (command.equals("run")) {
            return RunCommand.runStores(rest, common, env);
        }
        return eachStore(command, rest, common, stores, env, out, err);
    }

    /** The command for every store in turn, each on its own (one store's failure does not stop the next); the worst exit. */
    private static int eachStore(String command, List<String> args, Settings common, List<String> stores, Map<String, String> env,
                                 PrintStream out, PrintStream err) {
        int worst = ExitCode.OK;
        for (String store : stores) {
            out.println("== store " + store + " ==");
            int code;
            try {
                code = command(command, args, Stores.settings(common, store, env), Stores.env(env, common, store), out, err);
            } catch (ConfigException e) {
                err.println("centra-sync: store " + store + ": " + e.getMessage());
                code = ExitCode.CONFIG;
            } catch (DatabaseUnavailableException e) {
                err.println("centra-sync: store " + store + ": " + e.getMessage());
                code = ExitCode.SYNC_FAILED;
            } catch (RuntimeException e) {
                err.println("centra-sync: store " + store + ": failed: " + Database.rootMessage(e));
                code = ExitCode.SYNC_FAILED;
            }
            worst = ExitCode.worst(worst, code);
        }
        return worst;
    }

    /** Removes {@code --store NAME} from {@code args}; the name, or null. */
    static String storeOption(List<String> args) {
        int at = args.indexOf("--store");
        if (at < 0) {
            return null;
        }
        if (at + 1 >= args.size() || args.get(at + 1).startsWith("--")) {
            throw new ConfigException("--store needs a store name (one of the setting stores)");
        }
        String name = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        return name;
    }

    private static int command(String command, List<String> rest, Settings settings, Map<String, String> env, PrintStream out,
                               PrintStream err) {
        return switch (command) {
            case "simulator" -> CentraSimulator.runCli(rest.toArray(String[]::new));
            case "demo" -> DemoCommand.run(rest, settings, out);
            case "sync" -> SyncCommand.run(rest, settings, env, out);
            case "run" -> RunCommand.run(rest, settings, env);
            case "status" -> StatusCommand.run(rest, settings, out);
            case "dlq" -> DlqCommand.run(rest, settings, out);
            case "validate" -> ValidateCommand.run(rest, settings, out, err);
            case "check" -> CheckCommand.run(rest, settings, env, out, err);
            case "bench" -> BenchCommand.run(rest, settings, env, out);
            case "help" -> help(rest, out);
            default -> throw new ConfigException("unknown command '" + command + "'\n" + USAGE);
        };
    }

    /** {@code help}: the overview, or {@code help COMMAND}: that command's usage. */
    private static int help(List<String> rest, PrintStream out) {
        if (rest.isEmpty()) {
            out.println(USAGE);
            return ExitCode.OK;
        }
        CommandHelp command = CommandHelp.of(rest.get(0))
                .orElseThrow(() -> new ConfigException("help: unknown command '" + rest.get(0) + "'\n" + USAGE));
        out.println(command.usage());
        return ExitCode.OK;
    }

    /** The whole CLI with its environment and streams passed in (tests and embedding use this). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? ExitCode.CONFIG : ExitCode.OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            CommandHelp help = CommandHelp.of(args[0])
                    .orElseThrow(() -> new ConfigException("unknown command '" + args[0] + "'\n" + USAGE));
            if (help.wantsHelp(rest)) {
                out.println(help.usage());
                return ExitCode.OK;
            }
            String logFormat = env.getOrDefault("LOG_FORMAT", "text");
            if (!logFormat.equals("text") && !logFormat.equals("json")) {
                // log4j2.properties picks its appender by this name: another one would log nothing
                throw new ConfigException("LOG_FORMAT must be text or json, not '" + logFormat + "'");
            }
            return dispatch(args[0], rest, env, out, err);
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
