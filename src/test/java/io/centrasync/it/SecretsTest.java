package io.centrasync.it;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Centra token never shows: not in any log line (all levels), console output, exception
 * message, dead letter, run history or checkpoint, through a bad token, faults and dead letters.
 */
class SecretsTest {

    @Test
    void theTokenAppearsNowhere(@TempDir Path dir) throws Exception {
        StringWriter logs = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        WriterAppender appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%level %c %m %ex%n").build(),
                null, logs, "secrets-test", false, true);
        appender.start();
        config.getRootLogger().addAppender(appender, org.apache.logging.log4j.Level.ALL, null);
        org.apache.logging.log4j.core.Appender console = config.getRootLogger().getAppenders().get("text");
        config.getRootLogger().removeAppender("text"); // the captured text is checked, not printed
        // every logger at its most verbose, except the two HTTP header/wire loggers our config pins OFF
        Map<String, org.apache.logging.log4j.Level> levels = new HashMap<>();
        config.getLoggers().forEach((name, logger) -> {
            levels.put(name, logger.getLevel());
            if (logger.getLevel() != org.apache.logging.log4j.Level.OFF) {
                logger.setLevel(org.apache.logging.log4j.Level.ALL);
            }
        });
        ctx.updateLoggers();
        StringBuilder everything = new StringBuilder();
        try (SyncHarness h = new SyncHarness(150, DeadLetterEndToEndTest.strictMapping(dir).toString())) {
            Map<String, String> env = new HashMap<>(Map.of("CENTRA_ENDPOINT", h.simulator.endpoint(), "CENTRA_TOKEN", SyncHarness.TOKEN,
                    "SINK_JDBC_URL", h.jdbcUrl, "MAPPINGS_DIR", dir.toString(), "CENTRA_RETRIES", "2"));
            // faults on the way: a server error, a truncated body, GraphQL errors
            h.simulator.faults().failNext(1, 500);
            h.simulator.faults().truncateNext(1);
            CommandLineTest.Result ok = CommandLineTest.cli(env, "sync", "orders");
            everything.append(ok.all());
            h.simulator.faults().graphqlErrorNext(1, "Internal server error", "internal");
            h.simulator.faults().passNext(1).graphqlErrorNext(1, "Cannot query field \"x\" on type \"Query\".", "graphql");
            everything.append(CommandLineTest.cli(env, "sync", "orders").all());
            // a token Centra refuses
            Map<String, String> bad = new HashMap<>(env);
            bad.put("CENTRA_TOKEN", "refused-" + SyncHarness.TOKEN);
            everything.append(CommandLineTest.cli(bad, "sync", "orders").all());
            for (String table : List.of("dead_letter", "sync_runs", "sync_state")) {
                everything.append(h.query("SELECT * FROM " + table));
            }
            assertTrue(h.count("dead_letter") > 0 && h.count("orders") > 0, "the run really worked and dead-lettered");
        } finally {
            config.getRootLogger().removeAppender("secrets-test");
            if (console != null) {
                config.getRootLogger().addAppender(console, null, null);
            }
            levels.forEach((name, level) -> config.getLoggers().get(name).setLevel(level));
            ctx.updateLoggers();
        }
        everything.append(logs);
        assertTrue(logs.toString().contains("403") || everything.toString().contains("403"), "the refused token was reported");
        assertFalse(everything.toString().contains(SyncHarness.TOKEN), "the token leaked:\n" + excerpt(everything.toString()));
    }

    private static String excerpt(String all) {
        int i = all.indexOf(SyncHarness.TOKEN);
        return all.substring(Math.max(0, i - 300), Math.min(all.length(), i + 100));
    }

}
