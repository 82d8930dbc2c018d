package io.centrasync.sink;

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

    private SqlFailures() {
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
