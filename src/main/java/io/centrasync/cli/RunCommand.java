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

/** {@code run}: the Quartz schedules, until SIGTERM; a page loop in progress stops between pages. */
final class RunCommand {

    private RunCommand() {
    }

    /** {@code run} with stores declared: all of them in this process (see {@link StoreFleet}). */
    static int runStores(List<String> args, Settings common, Map<String, String> env) {
        if (!args.isEmpty()) {
            throw new ConfigException("run takes no arguments but --store NAME (schedules are set in application.properties)");
        }
        try (StopOnSignal signal = StopOnSignal.install(SyncCommand.stopGrace(common));
             StoreFleet fleet = StoreFleet.create(common, env)) {
            signal.onSignal(fleet::requestStop);
            fleet.start();
            fleet.runUntilStopped();
            return ExitCode.OK;
        } catch (ConfigException | DatabaseUnavailableException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("centra-sync: " + Database.rootMessage(e));
            return ExitCode.SYNC_FAILED;
        }
    }

    static int run(List<String> args, Settings settings, Map<String, String> env) {
        if (!args.isEmpty()) {
            throw new ConfigException("run takes no arguments (schedules are set in application.properties: schedule.<entity>)");
        }
        try (StopOnSignal signal = StopOnSignal.install(SyncCommand.stopGrace(settings));
             SyncApplication app = SyncApplication.create(settings, TokenSource.resolve(env), true)) {
            signal.onSignal(app::requestStop);
            app.start();
            app.runUntilStopped();
            return ExitCode.OK;
        } catch (ConfigException | DatabaseUnavailableException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("centra-sync: " + Database.rootMessage(e));
            return ExitCode.SYNC_FAILED;
        }
    }
}
