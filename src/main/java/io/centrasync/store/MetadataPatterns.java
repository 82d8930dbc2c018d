package io.centrasync.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code DatabaseMetaData} lookups take LIKE patterns: an unescaped {@code _} in {@code order_lines}
 * also matches {@code orderXlines}. Names are escaped so a lookup finds exactly the named object.
 */
final class MetadataPatterns {

    private MetadataPatterns() {
    }

    static String literal(Connection c, String name) throws SQLException {
        String escape = c.getMetaData().getSearchStringEscape();
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '_' || ch == '%' || escape.indexOf(ch) >= 0) {
                sb.append(escape);
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
