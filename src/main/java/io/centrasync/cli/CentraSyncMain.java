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

    /** The overall usage (one line per command of {@link CommandHelp#ALL}). */
    static final String USAGE = CommandHelp.overview();

    private CentraSyncMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
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
                case "help" -> help(rest, out);
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
