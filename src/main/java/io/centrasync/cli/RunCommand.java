package io.centrasync.cli;

import io.centrasync.camel.Database;
import io.centrasync.camel.DatabaseUnavailableException;
import io.centrasync.camel.ExitCode;
import io.centrasync.camel.Settings;
import io.centrasync.camel.StoreFleet;
import io.centrasync.camel.SyncApplication;
import io.centrasync.camel.TokenSource;
import io.centrasync.run.ConfigException;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code run}: the Quartz schedules, until SIGTERM; a page loop in progress stops between pages. */
final class RunCommand {

    private RunCommand() {
    }

    /** {@code run} with stores declared: all of them in this process (see {@link StoreFleet}). */
    static int runStores(List<String> args, Settings common, Map<String, String> env) {
        if (!args.isEmpty()) {
            throw new ConfigException("run takes no arguments but --store NAME (schedules are set in application.properties)");
        }
        return untilStopped(common, () -> {
            StoreFleet fleet = StoreFleet.create(common, env);
            return new Running(fleet::requestStop, fleet::start, fleet::runUntilStopped, fleet);
        });
    }

    static int run(List<String> args, Settings settings, Map<String, String> env) {
        if (!args.isEmpty()) {
            throw new ConfigException("run takes no arguments (schedules are set in application.properties: schedule.<entity>)");
        }
        return untilStopped(settings, () -> {
            SyncApplication app = SyncApplication.create(settings, TokenSource.resolve(env), true);
            return new Running(app::requestStop, app::start, app::runUntilStopped, app);
        });
    }

    /** Opens the application, starts it and runs it until SIGTERM, which asks it to stop after the pages in hand. */
    private static int untilStopped(Settings settings, Supplier<Running> open) {
        try (StopOnSignal signal = StopOnSignal.install(SyncCommand.stopGrace(settings)); Running app = open.get()) {
            signal.onSignal(app.stop());
            app.start().run();
            app.runUntilStopped().run();
            return ExitCode.OK;
        } catch (ConfigException | DatabaseUnavailableException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("centra-sync: " + Database.rootMessage(e));
            return ExitCode.SYNC_FAILED;
        }
    }

    /** What {@code run} does with a single-store application or a fleet of stores. */
    private record Running(Runnable stop, Step start, Step runUntilStopped, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
