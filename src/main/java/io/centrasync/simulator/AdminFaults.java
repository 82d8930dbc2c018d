package io.centrasync.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /admin/faults/next?kind=K&count=N&...}: queues N faults of one kind for the next requests, so a team can
 * try its own setup against the failures a real store shows (and our tests do the same):
 * <ul>
 *   <li>{@code status}: answers {@code status} (default 503), with {@code retry-after} when given</li>
 *   <li>{@code stall}: answers after {@code ms} milliseconds (default 2000)</li>
 *   <li>{@code truncate}: a JSON body cut short, status 200</li>
 *   <li>{@code graphql-error}: 200 with {@code errors[]}, Centra's internal error or {@code message} and {@code category}</li>
 *   <li>{@code reset}: the connection closes without an answer</li>
 *   <li>{@code rate-limit}: 429 whose Retry-After says {@code ms} (default 1000) in {@code format}: delta-seconds,
 *       http-date or epoch-seconds</li>
 *   <li>{@code pass}: normal answers; faults queued after them hit later requests</li>
 * </ul>
 */
final class AdminFaults {

    private AdminFaults() {
    }

    /** Queues the faults; answers what was queued. */
    static List<String> queue(FaultInjector faults, int n, Map<String, String> q) {
        String kind = q.getOrDefault("kind", "");
        switch (kind) {
            case "status" -> faults.failNext(n, number(q, "status", 503), q.get("retry-after"));
            case "stall" -> faults.stallNext(n, Duration.ofMillis(number(q, "ms", 2000)));
            case "truncate" -> faults.truncateNext(n);
            case "graphql-error" -> {
                if (q.containsKey("message")) {
                    faults.graphqlErrorNext(n, q.get("message"), q.getOrDefault("category", "internal"));
                } else {
                    faults.graphqlErrorNext(n);
                }
            }
            case "reset" -> faults.resetNext(n);
            case "rate-limit" -> faults.rateLimitNext(n, format(q.getOrDefault("format", "delta-seconds")),
                    Duration.ofMillis(number(q, "ms", 1000)));
            case "pass" -> faults.passNext(n);
            default -> throw new IllegalArgumentException("kind must be one of status, stall, truncate, graphql-error, reset,"
                    + " rate-limit, pass; got '" + kind + "'");
        }
        return List.of(n + " x " + kind);
    }

    /** What is still queued: request faults and page faults. */
    static Map<String, Integer> pending(FaultInjector faults) {
        return Map.of("requests", faults.pending(), "pages", faults.pendingPages());
    }

    private static RetryAfterFormat format(String name) {
        try {
            return RetryAfterFormat.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be delta-seconds, http-date or epoch-seconds; got '" + name + "'");
        }
    }

    private static int number(Map<String, String> q, String name, int fallback) {
        String text = q.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number; got '" + text + "'");
        }
    }
}
