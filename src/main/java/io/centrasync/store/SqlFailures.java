package io.centrasync.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts database failures into "the database is away, ask again" (an outage: refused or broken
 * connection, pool timeout, server restarting, a transaction chosen as a deadlock victim) and
 * "asking again cannot help" (a constraint, a type, a missing table, a bad password).
 */
public final class SqlFailures {

    /** PostgreSQL states outside class 08 that end by themselves: server shutting down or starting up, too many connections, serialization failure, deadlock. */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    /** H2 error codes: connection broken, database closed, called during shutdown. */
    private static final Set<Integer> H2_TRANSIENT_CODES = Set.of(90067, 90098, 90121);

    /**
     * SQLSTATE classes in which the database refuses the values written, not the statement or the connection:
     * 22 data exception (a number out of range, a string too long), 23 integrity constraint violation (a key twice),
     * 54 program limit exceeded (PostgreSQL's btree row size). Another record, or the same after a mapping or table
     * change, may well be written.
     */
    private static final Set<String> REJECTED_VALUE_CLASSES = Set.of("22", "23", "54");
    /** Longest reason kept: a rejected key or value may be thousands of characters long. */
    private static final int MAX_REASON = 400;

    private SqlFailures() {
    }

    /**
     * Whether {@code error} says the database refused the values of a row (see {@link #REJECTED_VALUE_CLASSES}),
     * looking through causes and a batch's next exceptions, where the drivers keep the real reason.
     */
    public static boolean isRejectedValue(Throwable error) {
        return rejection(error) != null;
    }

    /**
     * A dead letter's reason for a row the database refused: its own words, in one line without the statement
     * (or the failure's when there are none).
     */
    public static String refusal(Throwable error) {
        SQLException rejection = rejection(error);
        String message = rejection == null || rejection.getMessage() == null ? reason(error) : rejection.getMessage();
        // H2 appends the statement and its error code, PostgreSQL's batches repeat the statement before the reason
        int statement = message.indexOf("; SQL statement:");
        if (statement >= 0) {
            message = message.substring(0, statement);
        }
        message = oneLine(message);
        return "the database refused it: " + (message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "...");
    }

    private static SQLException rejection(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null && depth++ < 40; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && state.length() == 5 && REJECTED_VALUE_CLASSES.contains(state.substring(0, 2))
                            && !(e instanceof java.sql.BatchUpdateException && e.getNextException() != null)) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    /** Whether {@code error}, or anything it was caused by, says the database cannot be reached right now. */
    public static boolean isOutage(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof SQLTransientException // Hikari's pool timeout, lock timeouts, deadlock victims
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
                    return true;
                }
                if (H2_TRANSIENT_CODES.contains(sql.getErrorCode()) && state != null && state.startsWith("90")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The failure in one line: the first message in the chain, and the root cause's when it adds something (a pool timeout hides why). */
    public static String reason(Throwable error) {
        Throwable root = error;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 20) {
            root = root.getCause();
        }
        String first = oneLine(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        String last = oneLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        return root == error || first.contains(last) ? first : first + " (" + last + ")";
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
