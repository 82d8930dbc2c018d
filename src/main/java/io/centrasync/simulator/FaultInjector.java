package io.centrasync.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Faults for the next requests, consumed one per authorised {@code POST /graphql} in the order
 * they were queued; and broken pages ({@link #shortPage}), consumed by the requests for that page
 * only. Thread-safe.
 */
public final class FaultInjector {
    /** Kind of injected fault. */
    public enum Kind {
        /** Answer with an HTTP status (500, 503, 429 with Retry-After ...) and a small JSON body. */
        STATUS,
        /** Wait, then answer normally (provokes client timeouts). */
        STALL,
        /** Answer 200 but send only the first half of the JSON body. */
        TRUNCATE,
        /** Answer 200 with {@code data: null} and an {@code errors[]} entry. */
        GRAPHQL_ERROR,
        /** Close the connection without an answer, as a reset by a proxy or a crashed worker would. */
        RESET,
        /** Answer 429 with a {@code Retry-After} saying {@code stall} from now, written when served in {@code format}. */
        RATE_LIMIT,
        /** No fault: answer normally (lets a fault hit a later request). */
        PASS
    }

    /**
     * One queued fault. {@code message} and {@code category} are the GraphQL error of a
     * {@link Kind#GRAPHQL_ERROR}.
     */
    public record Fault(Kind kind, int status, Duration stall, String retryAfter, String message, String category,
                        RetryAfterFormat format) {
        Fault(Kind kind, int status, Duration stall, String retryAfter) {
            this(kind, status, stall, retryAfter, null, null, null);
        }

        /** In a few words, e.g. {@code HTTP 429, Retry-After as HTTP_DATE}. */
        public String describe() {
            return switch (kind) {
                case STATUS -> "HTTP " + status + (retryAfter == null ? "" : ", Retry-After: " + retryAfter);
                case RATE_LIMIT -> "HTTP 429, Retry-After as " + format;
                case STALL -> "stall of " + stall;
                case TRUNCATE -> "truncated body";
                case RESET -> "connection closed";
                case GRAPHQL_ERROR -> "GraphQL error (" + category + ")";
                case PASS -> "no fault";
            };
        }
    }

    /**
     * A broken page: the answer to a request whose {@code page} variable is {@code page} has every list named
     * {@code field} cut to at most {@code keep} elements (0: empty), as Centra's answer that lost rows would be.
     */
    public record PageFault(String field, int page, int keep) {
        public PageFault {
            if (field == null || !field.matches("[_A-Za-z][_0-9A-Za-z]*") || page < 1 || keep < 0) {
                throw new IllegalArgumentException("a short page needs a field name, page >= 1 and keep >= 0");
            }
        }

        /** In a few words, e.g. {@code page 3 of stock empty}. */
        public String describe() {
            return "page " + page + " of " + field + (keep == 0 ? " empty" : " cut to " + keep);
        }
    }

    private final Deque<Fault> queue = new ArrayDeque<>();
    private final List<PageFault> pageFaults = new ArrayList<>();

    /** The next {@code n} requests answer {@code httpStatus}; a 429 carries {@code Retry-After: 1}. */
    public FaultInjector failNext(int n, int httpStatus) {
        return failNext(n, httpStatus, httpStatus == 429 ? "1" : null);
    }

    /** The next {@code n} requests answer {@code httpStatus} with the given Retry-After header (null = none). */
    public synchronized FaultInjector failNext(int n, int httpStatus, String retryAfter) {
        return queue(n, new Fault(Kind.STATUS, httpStatus, Duration.ZERO, retryAfter));
    }

    /** The next {@code n} requests are answered only after {@code stall}. */
    public synchronized FaultInjector stallNext(int n, Duration stall) {
        return queue(n, new Fault(Kind.STALL, 200, stall, null));
    }

    /** The next {@code n} requests get a truncated JSON body with status 200. */
    public synchronized FaultInjector truncateNext(int n) {
        return queue(n, new Fault(Kind.TRUNCATE, 200, Duration.ZERO, null));
    }

    /** The next {@code n} requests get 200 with {@code errors[]} and no data. */
    public synchronized FaultInjector graphqlErrorNext(int n) {
        return queue(n, new Fault(Kind.GRAPHQL_ERROR, 200, Duration.ZERO, null));
    }

    /**
     * The next {@code n} requests get 200 with the given GraphQL error and no data, e.g. Centra's
     * missing-permission answer: {@code "You need Order:read permission to access orderConnection."},
     * category {@code authorization}.
     */
    public synchronized FaultInjector graphqlErrorNext(int n, String message, String category) {
        return queue(n, new Fault(Kind.GRAPHQL_ERROR, 200, Duration.ZERO, null, message, category, null));
    }

    /** The next {@code n} requests get no answer: the connection is closed (the client sees a reset or no response). */
    public synchronized FaultInjector resetNext(int n) {
        return queue(n, new Fault(Kind.RESET, 0, Duration.ZERO, null));
    }

    /**
     * The next {@code n} requests answer 429 with a {@code Retry-After} that says {@code wait} from the moment each
     * is served, in {@code format} (seconds, an HTTP date or epoch seconds: Centra's form is unknown).
     */
    public synchronized FaultInjector rateLimitNext(int n, RetryAfterFormat format, Duration wait) {
        return queue(n, new Fault(Kind.RATE_LIMIT, 429, wait, null, null, null, format));
    }

    /** The next {@code n} requests are answered normally; faults queued after them hit later requests. */
    public synchronized FaultInjector passNext(int n) {
        return queue(n, new Fault(Kind.PASS, 200, Duration.ZERO, null));
    }

    /**
     * A misbehaving server: the next {@code n} faults come before every other request, one of each transient
     * kind in turn (5xx, 499, 429 with each form of Retry-After, a stall of {@code stall}, a truncated body, a
     * closed connection, Centra's internal GraphQL error), each followed by a good answer.
     *
     * @return the faults queued, described, in order
     */
    public synchronized List<String> everyOtherRequest(int n, Duration stall) {
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Fault fault = switch (i % 11) {
                case 0 -> new Fault(Kind.STATUS, 500, Duration.ZERO, null);
                case 1 -> new Fault(Kind.STATUS, 502, Duration.ZERO, null);
                case 2 -> new Fault(Kind.STATUS, 503, Duration.ZERO, "1");
                case 3 -> new Fault(Kind.RATE_LIMIT, 429, Duration.ofSeconds(1), null, null, null, RetryAfterFormat.DELTA_SECONDS);
                case 4 -> new Fault(Kind.RATE_LIMIT, 429, Duration.ofSeconds(1), null, null, null, RetryAfterFormat.HTTP_DATE);
                case 5 -> new Fault(Kind.RATE_LIMIT, 429, Duration.ofSeconds(1), null, null, null, RetryAfterFormat.EPOCH_SECONDS);
                case 6 -> new Fault(Kind.STALL, 200, stall, null);
                case 7 -> new Fault(Kind.TRUNCATE, 200, Duration.ZERO, null);
                case 8 -> new Fault(Kind.RESET, 0, Duration.ZERO, null);
                case 9 -> new Fault(Kind.GRAPHQL_ERROR, 200, Duration.ZERO, null, "Internal server error", "internal", null);
                default -> new Fault(Kind.STATUS, 499, Duration.ZERO, null);
            };
            queue.add(fault);
            queue.add(new Fault(Kind.PASS, 200, Duration.ZERO, null));
            queued.add(fault.describe());
        }
        return queued;
    }

    /**
     * The next {@code n} answers for page {@code page} (the request's {@code page} variable) have every list named
     * {@code field} cut to at most {@code keep} elements, e.g. {@code shortPage("stock", 3, 0, 1)}: page 3 of every
     * warehouse's stock comes back empty once. Other requests, and the request queue above, are not affected.
     *
     * @return the fault, described
     */
    public synchronized String shortPage(String field, int page, int keep, int n) {
        PageFault fault = new PageFault(field, page, keep);
        for (int i = 0; i < n; i++) {
            pageFaults.add(fault);
        }
        return fault.describe();
    }

    /** Broken pages still to be served. */
    public synchronized int pendingPages() {
        return pageFaults.size();
    }

    /** The broken page for a request with these variables, taken off the list; null if none applies. */
    synchronized PageFault pollPage(Object variables) {
        if (pageFaults.isEmpty() || !(variables instanceof java.util.Map<?, ?> vars) || !(vars.get("page") instanceof Number page)) {
            return null;
        }
        for (java.util.Iterator<PageFault> it = pageFaults.iterator(); it.hasNext(); ) {
            PageFault fault = it.next();
            if (fault.page() == page.intValue()) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    /** {@code node} (a GraphQL answer's data, as maps and lists) with every list named {@code fault.field()} cut short. */
    @SuppressWarnings("unchecked")
    static Object cut(Object node, PageFault fault) {
        if (node instanceof java.util.Map<?, ?> map) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            ((java.util.Map<String, Object>) map).forEach((k, v) -> out.put(k, k.equals(fault.field()) && v instanceof List<?> list
                    ? list.subList(0, Math.min(fault.keep(), list.size())) : cut(v, fault)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(e -> cut(e, fault)).toList();
        }
        return node;
    }

    private FaultInjector queue(int n, Fault fault) {
        for (int i = 0; i < n; i++) {
            queue.add(fault);
        }
        return this;
    }

    public synchronized void clear() {
        queue.clear();
        pageFaults.clear();
    }

    public synchronized int pending() {
        return queue.size();
    }

    synchronized Fault poll() {
        return queue.poll();
    }
}
