package io.centrasync.camel;

import org.quartz.CronExpression;

import java.text.ParseException;

/** The {@code schedule.<entity>} settings: Quartz cron expressions, checked before Camel sees them. */
final class Schedules {

    static final String PREFIX = "schedule.";

    private Schedules() {
    }

    static void check(Settings settings) {
        for (String key : settings.asProperties().stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                checkCron(key, settings.get(key));
            }
        }
    }

    private static void checkCron(String key, String cron) {
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw Settings.invalid(key, "a Quartz cron expression such as '0 0/5 * * * ?' (" + e.getMessage() + ")", cron);
        }
    }
}
