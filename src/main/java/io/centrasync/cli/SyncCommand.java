package io.centrasync.cli;

import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.camel.SyncApplication;
import io.centrasync.camel.TokenSource;
import io.centrasync.run.ConfigException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sync [ENTITY...] [--full]}: one pass of the named entities (default: all), then exit. */
final class SyncCommand {

    private SyncCommand() {
    }

    static int run(List<String> args, Settings settings, Map<String, String> env, PrintStream out) {
        boolean full = false;
        boolean allowShrink = false;
        List<String> entities = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--full")) {
                full = true;
            } else if (arg.equals("--allow-shrink")) {
                allowShrink = true;
            } else if (arg.startsWith("-")) {
                throw new ConfigException("sync: unknown option " + arg + " (usage: sync [ENTITY...] [--full] [--allow-shrink])");
            } else {
                entities.add(arg);
            }
        }
        // closed last: a SIGTERM waits until the runs are recorded and the database is closed
        try (StopOnSignal signal = StopOnSignal.install(stopGrace(settings));
             SyncApplication app = SyncApplication.create(settings, TokenSource.resolve(env), false)) {
            signal.onSignal(app::requestStop);
            app.start();
            if (allowShrink) {
                app.allowShrink(entities.isEmpty() ? app.entities() : entities);
            }
            return syncAll(app, entities, full, out);
        }
    }

    /** How long a SIGTERM waits for the page in hand: Camel's shutdown timeout, plus time to close. */
    static java.time.Duration stopGrace(Settings settings) {
        return java.time.Duration.ofSeconds(settings.getLong("camel.main.shutdown-timeout") + 15);
    }

    /** Runs the entities one after the other, prints the summary and returns the exit code. */
    static int syncAll(SyncApplication app, List<String> requested, boolean full, PrintStream out) {
        List<String> entities = requested.isEmpty() ? app.entities() : requested;
        for (String entity : entities) {
            if (!app.entities().contains(entity)) {
                throw new ConfigException("unknown entity '" + entity + "'; known: " + String.join(", ", app.entities()));
            }
        }
        List<SyncApplication.RunResult> results = new ArrayList<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        List<String> notTried = new ArrayList<>();
        List<String> notStarted = new ArrayList<>();
        for (String entity : entities) {
            if (app.stopRequested()) {
                notStarted.add(entity);
                continue;
            }
            if (app.tokenRefused()) {
                notTried.add(entity); // the same token for the same store: refused again
                continue;
            }
            SyncApplication.RunResult result = app.runOnce(entity, full);
            results.add(result);
            counts.put(entity, app.tableCounts(entity));
        }
        Summary.print(out, results, counts);
        if (!notTried.isEmpty()) {
            out.println("Not tried, as Centra refused the token: " + String.join(", ", notTried) + ".");
        }
        if (!notStarted.isEmpty()) {
            out.println("Not started, as a stop was asked for: " + String.join(", ", notStarted) + ".");
        }
        int code = Summary.exitCode(results);
        if (code == ExitCode.DEAD_LETTERS) {
            out.println("Some records could not be mapped: `dlq list` shows them.");
        }
        return code;
    }
}
