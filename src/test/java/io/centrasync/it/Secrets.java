package io.centrasync.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What must never be in the log: the token, and stack traces for failures we expect. */
final class Secrets {

    private Secrets() {
    }

    static void assertCleanLog(LogCapture log, String... tokens) {
        for (LogCapture.Line line : log.lines()) {
            for (String token : concat(SyncHarness.TOKEN, tokens)) {
                assertTrue(!line.toString().contains(token) && !stackTrace(line).contains(token), "token in the log: " + line);
            }
            if (line.level().isMoreSpecificThan(org.apache.logging.log4j.Level.WARN)) {
                assertNull(line.thrown(), "stack trace logged for an expected failure: " + line);
            }
        }
    }

    private static String[] concat(String first, String... more) {
        String[] all = new String[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    private static String stackTrace(LogCapture.Line line) {
        if (line.thrown() == null) {
            return "";
        }
        java.io.StringWriter out = new java.io.StringWriter();
        line.thrown().printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
