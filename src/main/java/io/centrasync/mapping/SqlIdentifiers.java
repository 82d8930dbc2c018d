package io.centrasync.mapping;

import java.util.Set;

/**
 * SQL identifier rules for table and column names: {@code [a-z_][a-z0-9_]{0,62}} and not a reserved word, so the
 * sink can use them unquoted on PostgreSQL and H2.
 */
final class SqlIdentifiers {
    /** PostgreSQL's reserved keywords (incl. "can be function or type") and H2 2.x keywords. */
    private static final Set<String> RESERVED = Set.of(
            "_rowid_", "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
            "authorization", "between", "binary", "both", "case", "cast", "check", "collate", "collation", "column",
            "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_path",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "day", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "false", "fetch", "for",
            "foreign", "freeze", "from", "full", "grant", "group", "groups", "having", "hour", "if", "ilike", "in",
            "initially", "inner", "intersect", "interval", "into", "is", "isnull", "join", "key", "lateral",
            "leading", "left", "like", "limit", "localtime", "localtimestamp", "minus", "minute", "month", "natural",
            "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "over", "overlaps",
            "partition", "placing", "primary", "qualify", "range", "references", "regexp", "returning", "right",
            "row", "rownum", "rows", "second", "select", "session_user", "set", "similar", "some", "symmetric",
            "system_user", "table", "tablesample", "then", "to", "top", "trailing", "true", "uescape", "union",
            "unique", "unknown", "user", "using", "value", "values", "variadic", "verbose", "when", "where", "window",
            "with", "year");

    private SqlIdentifiers() {
    }

    /** Null when {@code name} is a usable identifier, else why not. */
    static String problem(String name) {
        if (name.isEmpty() || name.length() > 63) {
            return "'" + name + "' must be 1 to 63 characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return "'" + name + "' is not a valid SQL name (lower-case letters, digits and _, not starting with"
                        + " a digit)";
            }
        }
        if (RESERVED.contains(name)) {
            return "'" + name + "' is an SQL reserved word; pick another name (e.g. '" + name + "_')";
        }
        return null;
    }
}
