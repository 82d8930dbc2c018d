package io.centrasync.cli;

import io.centrasync.camel.Settings;
import io.centrasync.camel.SettingsCheck;
import io.centrasync.camel.SyncApplication;
import io.centrasync.run.ConfigException;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;


/**
 * {@code demo [--orders N]}: starts the Centra simulator on a free loopback port and syncs every
 * entity into a fresh embedded H2 database, {@code ./data/centra-sync-demo}, then prints the summary.
 */
final class DemoCommand {

    static final String DEMO_DB = "./data/centra-sync-demo";

    private DemoCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        int orders = 1000;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--orders") && i + 1 < args.size()) {
                orders = parseCount(args.get(++i));
            } else {
                throw new ConfigException("demo: unknown argument " + args.get(i) + " (usage: demo [--orders N])");
            }
        }
        SettingsCheck.check(settings);
        resetDemoDatabase();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (CentraSimulator simulator = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(orders).withToken(token))) {
            Settings demo = settings.with("centra.endpoint", simulator.endpoint())
                    .with("sink.jdbc-url", "jdbc:h2:file:" + DEMO_DB)
                    .with("sink.jdbc-user", "sa")
                    .with("sink.jdbc-password", "");
            out.println("Centra simulator with " + orders + " orders at " + simulator.endpoint());
            try (StopOnSignal signal = StopOnSignal.install(SyncCommand.stopGrace(settings));
                 SyncApplication app = SyncApplication.create(demo, token, false)) {
                signal.onSignal(app::requestStop);
                app.start();
                int code = SyncCommand.syncAll(app, List.of(), false, out);
                out.println("Database: jdbc:h2:file:" + DEMO_DB + " (user sa, no password)");
                return code;
            }
        }
    }

    private static int parseCount(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new ConfigException("demo: --orders needs a whole number >= 0, got '" + value + "'");
    }

    private static void resetDemoDatabase() {
        for (String suffix : List.of(".mv.db", ".trace.db")) {
            try {
                Files.deleteIfExists(Path.of(DEMO_DB + suffix));
            } catch (IOException e) {
                throw new ConfigException("cannot reset the demo database " + DEMO_DB + suffix + ": " + e.getMessage());
            }
        }
    }

}
