package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsCheckTest {

    private static Settings with(String key, String value) {
        return Settings.load(Map.of(), new Properties()).with(key, value);
    }

    private static String problem(Runnable read) {
        return assertThrows(ConfigException.class, read::run).getMessage();
    }

    @Test
    void wholeNumbersAreCheckedAgainstTheirRange() {
        Settings s = with("centra.retries", "7");
        assertEquals(7, s.getInt("centra.retries", 0, 100));
        String tooLow = problem(() -> with("centra.retries", "-1").getInt("centra.retries", 0, 100));
        assertEquals("setting centra.retries (CENTRA_RETRIES) must be a whole number from 0 to 100, got '-1'", tooLow);
        String notANumber = problem(() -> with("centra.retries", "abc").getLong("centra.retries", 0, Long.MAX_VALUE));
        assertEquals("setting centra.retries (CENTRA_RETRIES) must be a whole number of at least 0, got 'abc'", notANumber);
        assertTrue(problem(() -> with("centra.retries", "1.5").getInt("centra.retries")).contains("whole number, got '1.5'"));
    }

    @Test
    void durationsHaveAMinimum() {
        assertEquals(Duration.ofSeconds(1), with("sink.outage-timeout", "PT1S").getDuration("sink.outage-timeout", Duration.ZERO));
        String negative = problem(() -> with("sink.outage-timeout", "-PT1M").getDuration("sink.outage-timeout", Duration.ZERO));
        assertEquals("setting sink.outage-timeout (SINK_OUTAGE_TIMEOUT) must be an ISO-8601 duration of at least PT0S, got '-PT1M'",
                negative);
        assertTrue(problem(() -> with("sink.outage-timeout", "2m").getDuration("sink.outage-timeout"))
                .contains("ISO-8601 duration such as PT30S, got '2m'"));
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertTrue(with("centra.prefetch", "TRUE").getBoolean("centra.prefetch"));
        assertEquals(false, with("centra.prefetch", "false").getBoolean("centra.prefetch"));
        assertEquals("setting centra.prefetch (CENTRA_PREFETCH) must be true or false, got 'yes'",
                problem(() -> with("centra.prefetch", "yes").getBoolean("centra.prefetch")));
    }

    @Test
    void theDefaultsPass() {
        assertEquals(List.of(), SettingsCheck.problems(Settings.load(Map.of(), new Properties())));
    }

    @Test
    void everyProblemIsListedAndTheFirstIsThrown() {
        Settings s = Settings.load(Map.of("CENTRA_RETRIES", "-1", "SINK_POOL_SIZE", "0"), new Properties());
        List<String> problems = SettingsCheck.problems(s);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(1).contains("sink.pool-size (SINK_POOL_SIZE)"), problems.toString());
        assertEquals(problems.get(0), assertThrows(ConfigException.class, () -> SettingsCheck.check(s)).getMessage());
    }

    @Test
    void aBackoffMaximumBelowItsBaseIsRefused() {
        String p = SettingsCheck.problems(with("sink.retry-backoff", "PT20S")).get(0);
        assertTrue(p.contains("sink.retry-backoff-max (SINK_RETRY_BACKOFF_MAX)") && p.contains("at least PT20S"), p);
    }

    @Test
    void aScheduleMustBeAQuartzCronExpression() {
        String p = SettingsCheck.problems(with("schedule.orders", "every minute")).get(0);
        assertTrue(p.startsWith("setting schedule.orders (SCHEDULE_ORDERS) must be a Quartz cron expression"), p);
        assertTrue(p.endsWith("got 'every minute'"), p);
    }

    @Test
    void theH2CompactIntervalIsADurationAndZeroTurnsItOff() {
        assertEquals(List.of(), SettingsCheck.problems(with("sink.h2-compact-interval", "PT0S")));
        assertEquals(List.of("setting sink.h2-compact-interval (SINK_H2_COMPACT_INTERVAL) must be an ISO-8601 duration such as PT30S,"
                + " got 'off'"), SettingsCheck.problems(with("sink.h2-compact-interval", "off")));
        assertEquals(List.of("setting sink.h2-compact-interval (SINK_H2_COMPACT_INTERVAL) must be an ISO-8601 duration of at least PT0S,"
                + " got '-PT1M'"), SettingsCheck.problems(with("sink.h2-compact-interval", "-PT1M")));
        assertEquals(List.of("setting sink.h2-compact-growth (SINK_H2_COMPACT_GROWTH) must be a number from 1.0 to 1000.0,"
                + " got '0.5'"), SettingsCheck.problems(with("sink.h2-compact-growth", "0.5")));
    }

    @Test
    void theEndpointMustBeAnHttpUrl() {
        String p = SettingsCheck.problems(with("centra.endpoint", "127.0.0.1:8099/graphql")).get(0);
        assertEquals("setting centra.endpoint (CENTRA_ENDPOINT) must be an http(s) URL such as https://shop.centra.com/graphql,"
                + " got '127.0.0.1:8099/graphql'", p);
    }

    @Test
    void aTokenFileThatIsADirectorySaysSo(@TempDir Path dir) {
        String p = problem(() -> TokenSource.resolve(Map.of("CENTRA_TOKEN_FILE", dir.toString())));
        assertTrue(p.contains("CENTRA_TOKEN_FILE") && p.contains("is a directory"), p);
    }
}
