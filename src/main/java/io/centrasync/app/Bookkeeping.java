package io.centrasync.app;

import io.centrasync.sink.SystemTables;
import io.centrasync.state.RunHistory;

import java.time.Duration;

/** Our bookkeeping tables as the settings name them, and the run history kept in them. */
public final class Bookkeeping {

    static final String HEARTBEAT_TIMEOUT = "sink.run-heartbeat-timeout";

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
    static RunHistory runHistory(Settings settings, SystemTables tables) {
        Duration timeout = settings.getDuration(HEARTBEAT_TIMEOUT);
        if (timeout.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("setting " + HEARTBEAT_TIMEOUT + " must be at least PT1M, got " + timeout);
        }
        return new RunHistory(tables, timeout);
    }
}
