package io.centrasync.simulator;

import graphql.schema.DataFetchingEnvironment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reading and validating GraphQL arguments shared by all fetchers. */
final class Args {
    static final int MAX_LIMIT = 200;

    private Args() {
    }

    /** {@code limit}/{@code first}/{@code last}: 1-200 ("Limit must be in range 1 - 200"). */
    static int limit(Object value, String name, int dflt) {
        if (value == null) {
            return dflt;
        }
        int v = ((Number) value).intValue();
        if (v < 1 || v > MAX_LIMIT) {
            throw new UserError("Argument '" + name + "' must be in range 1 - " + MAX_LIMIT + ", got " + v);
        }
        return v;
    }

    static int page(Object value) {
        if (value == null) {
            return 1;
        }
        int v = ((Number) value).intValue();
        if (v < 1) {
            throw new UserError("Argument 'page' must be 1 or greater, got " + v);
        }
        return v;
    }

    /** First element of a sort list, or the default. */
    static String sort(DataFetchingEnvironment env, String dflt) {
        Object s = env.getArgument("sort");
        if (s instanceof List<?> l && !l.isEmpty()) {
            return String.valueOf(l.get(0));
        }
        return dflt;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object o) {
        return (List<T>) o;
    }

    /** Inclusive DateRange bounds in epoch seconds (timestamps are whole seconds). */
    static long[] dateRange(Object range) {
        Map<String, Object> m = map(range);
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        if (m.get("from") instanceof Instant f) {
            from = f.getNano() > 0 ? f.getEpochSecond() + 1 : f.getEpochSecond();
        }
        if (m.get("to") instanceof Instant t) {
            to = t.getEpochSecond();
        }
        return new long[]{from, to};
    }

    static boolean inRange(Instant t, long[] range) {
        long s = t.getEpochSecond();
        return s >= range[0] && s <= range[1];
    }

    /** The {@code format} argument of a date field, or the default. */
    static String format(DataFetchingEnvironment env, String dflt) {
        Object f = env.getArgument("format");
        return f == null ? dflt : f.toString();
    }

    static boolean flag(DataFetchingEnvironment env, String name, boolean dflt) {
        Object v = env.getArgument(name);
        return v == null ? dflt : (Boolean) v;
    }
}
