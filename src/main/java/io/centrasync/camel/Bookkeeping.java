package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import io.centrasync.store.RunHistory;
import io.centrasync.store.SystemTables;

import java.time.Duration;

/** Our bookkeeping tables as the settings name them, and the run history kept in them. */
public final class Bookkeeping {

    static final String HEARTBEAT_TIMEOUT = "sink.run-heartbeat-timeout";
    /** Shorter would relabel live runs whose page is slow (Centra retries, a database outage) as abandoned. */
    static final Duration MIN_HEARTBEAT_TIMEOUT = Duration.ofMinutes(1);

    private Bookkeeping() {
    }

    /** The tables' names under {@code sink.system-table-prefix}. */
    public static SystemTables tables(Settings settings) {
        try {
            return SystemTables.withPrefix(settings.get(SystemTables.PREFIX_SETTING, ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The run history, which ends runs without a heartbeat for {@code sink.run-heartbeat-timeout} as abandoned. */
    public static RunHistory runHistory(Settings settings, SystemTables tables) {
        return new RunHistory(tables, settings.getDuration(HEARTBEAT_TIMEOUT, MIN_HEARTBEAT_TIMEOUT));
    }
}
