package io.centrasync.mapping;

import java.util.Collection;

/** "Did you mean" suggestions for misspelt keys (Levenshtein distance). */
final class Suggest {
    private Suggest() {
    }

    /** The allowed name closest to {@code word} if it is a near miss, else null; a name it begins or ends with first. */
    static String closest(String word, Collection<String> allowed) {
        String prefix = prefixOf(word, allowed);
        return prefix != null ? prefix : byDistance(word, allowed);
    }

    /** As {@link #closest}, but the fewest edits first (schema names share long prefixes: DateTimeTz, Date). */
    static String nearest(String word, Collection<String> allowed) {
        String near = byDistance(word, allowed);
        return near != null ? near : prefixOf(word, allowed);
    }

    private static String prefixOf(String word, Collection<String> allowed) {
        for (String candidate : allowed) {
            // 'integer' → 'int', 'time' → 'timestamp'
            if (Math.min(word.length(), candidate.length()) >= 3
                    && (word.startsWith(candidate) || candidate.startsWith(word))) {
                return candidate;
            }
        }
        return null;
    }

    private static String byDistance(String word, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(word.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerance = Math.max(1, Math.min(3, word.length() / 3));
        return bestDistance <= tolerance ? best : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
