package io.centrasync.store;

/**
 * PostgreSQL cannot store the NUL character in {@code TEXT} nor the {@code \u0000} escape in
 * {@code JSONB}; one such value would fail its page on every retry and stop the entity for good.
 * Stored values get U+FFFD (the replacement character) instead, on every database alike.
 */
final class NulCharacters {

    private static final String REPLACEMENT = "\uFFFD";

    private NulCharacters() {
    }

    static String inText(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace("\0", REPLACEMENT);
    }

    /** In JSON text: every {@code \u0000} escape that is not itself an escaped backslash followed by "u0000". */
    static String inJson(String json) {
        int at = json.indexOf("\\u0000");
        if (at < 0) {
            return json;
        }
        StringBuilder sb = new StringBuilder(json.length());
        int from = 0;
        while (at >= 0) {
            int backslashes = 0;
            for (int i = at - 1; i >= 0 && json.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            sb.append(json, from, at);
            // an odd number before it means this backslash is the second half of an escaped "\\"
            sb.append(backslashes % 2 == 0 ? "\\ufffd" : "\\u0000");
            from = at + 6;
            at = json.indexOf("\\u0000", from);
        }
        return sb.append(json, from, json.length()).toString();
    }
}
