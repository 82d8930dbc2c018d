package io.centrasync.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * All orders as compact per-order arrays (createdAt, updatedAt, version, status, store type);
 * index {@code i} holds order number {@code i + 1}. Orders are materialised on demand by
 * {@link OrderGenerator}. Queries walk the orders in sort order starting strictly after a keyset
 * {@link Position}, so paging is stable while orders are touched or added.
 *
 * <p>createdAt never decreases with the number (orders added later get "now"), so number,
 * createdAt and orderDate orders are index order. Id order uses a lazily built sorted array
 * of id hashes; updatedAt order uses a lazily built sorted set kept current by every touch.
 *
 * <p>Thread safety: reads hold the read lock, mutations the write lock.
 */
final class OrderTable {
    /** Sortable fields of {@code OrderSort}. */
    enum SortField {
        ID("id"), NUMBER("number"), ORDER_DATE("orderDate"), CREATED_AT("createdAt"), UPDATED_AT("updatedAt");

        final String graphqlName;

        SortField(String graphqlName) {
            this.graphqlName = graphqlName;
        }
    }

    /** One {@code OrderSort} value, e.g. {@code updatedAt_ASC}. */
    record Sort(SortField field, boolean ascending) {
        static Sort parse(String value) {
            int u = value.lastIndexOf('_');
            String name = value.substring(0, u);
            for (SortField f : SortField.values()) {
                if (f.graphqlName.equals(name)) {
                    return new Sort(f, value.endsWith("_ASC"));
                }
            }
            throw new IllegalArgumentException("Unknown sort " + value);
        }

        String graphqlName() {
            return field.graphqlName + (ascending ? "_ASC" : "_DESC");
        }
    }

    /** A resolved {@code OrderFilter}; time bounds are inclusive epoch seconds. */
    record Filter(Set<Integer> numbers, Set<OrderStatus> statuses, StoreType storeType,
                  long createdFrom, long createdTo, long updatedFrom, long updatedTo) {
        static final Filter ALL = new Filter(null, null, null, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);

        boolean isAll() {
            return equals(ALL);
        }
    }

    /** Keyset position: the sort key's value plus the number as tie-breaker. */
    record Position(long primary, int number) {
    }

    /** What is needed to materialise one order. */
    record Snapshot(int number, int version, long created, long updated) {
    }

    /** Rows of a page, in the requested order, and whether more rows follow. */
    record Page(List<Snapshot> rows, boolean more) {
    }

    private final OrderGenerator generator;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final SplittableRandom mutationRandom;
    private final ConcurrentHashMap<Filter, long[]> countCache = new ConcurrentHashMap<>();

    private int count;
    private long[] created;
    private long[] updated;
    private int[] version;
    private byte[] status;
    private boolean[] wholesale;
    /** Deleted orders, by index: they keep their number but are found by nothing. */
    private final java.util.BitSet deleted = new java.util.BitSet();
    private long modCount;

    private volatile long[] idIndex;          // sorted (idHigh ^ MIN_VALUE); null = must rebuild
    private volatile TreeSet<Long> updatedIndex; // (updated << 30 | number); null = not built yet

    OrderTable(long seed, int initialCount, Instant anchor, OrderGenerator generator, Clock clock) {
        this.generator = generator;
        this.clock = clock;
        this.mutationRandom = new SplittableRandom(Seeds.hash(seed, 0, 77));
        int cap = Math.max(16, initialCount + initialCount / 8);
        created = new long[cap];
        updated = new long[cap];
        version = new int[cap];
        status = new byte[cap];
        wholesale = new boolean[cap];
        long end = anchor.getEpochSecond();
        long span = 730L * 86_400;
        long start = end - span;
        for (int i = 0; i < initialCount; i++) {
            int number = i + 1;
            // monotonic: (i + u) / n is increasing in i for u in [0, 1)
            double u = Seeds.unit(Seeds.hash(seed, number, 7));
            long c = start + (long) ((i + u) * span / initialCount);
            double d = Seeds.unit(Seeds.hash(seed, number, 8));
            long delay = d < 0.4 ? 0 : (long) (Math.pow(Seeds.unit(Seeds.hash(seed, number, 9)), 3) * 60 * 86_400);
            created[i] = c;
            updated[i] = Math.min(end, c + delay);
            status[i] = (byte) generator.initialStatus(number).ordinal();
            wholesale[i] = generator.storeType(number) == StoreType.WHOLESALE;
        }
        count = initialCount;
    }

    // ------------------------------------------------------------------ reads

    /** The highest order number given out (deleted orders included). */
    int count() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The orders that exist (not deleted). */
    int live() {
        lock.readLock().lock();
        try {
            return count - deleted.cardinality();
        } finally {
            lock.readLock().unlock();
        }
    }

    Snapshot snapshot(int number) {
        lock.readLock().lock();
        try {
            if (number < 1 || number > count || deleted.get(number - 1)) {
                return null;
            }
            int i = number - 1;
            return new Snapshot(number, version[i], created[i], updated[i]);
        } finally {
            lock.readLock().unlock();
        }
    }

    SimOrder materialise(Snapshot s) {
        return generator.materialise(s.number(), s.version(), s.created(), s.updated());
    }

    Position position(Sort sort, Snapshot s) {
        return new Position(primary(sort.field(), s.number() - 1, s.created(), s.updated()), s.number());
    }

    long idPrimary(int number) {
        return generator.idHigh(number) ^ Long.MIN_VALUE;
    }

    /** Total number of orders matching a filter (cached until the next mutation). */
    int totalCount(Filter f) {
        lock.readLock().lock();
        try {
            if (f.isAll()) {
                return count - deleted.cardinality();
            }
            long[] cached = countCache.get(f);
            if (cached != null && cached[0] == modCount) {
                return (int) cached[1];
            }
            int[] n = {0};
            walk(f, new Sort(SortField.NUMBER, true), null, i -> {
                n[0]++;
                return true;
            });
            if (countCache.size() > 1_000) {
                countCache.clear();                  // pollers vary their watermark: keep the cache small
            }
            countCache.put(f, new long[]{modCount, n[0]});
            return n[0];
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Up to {@code limit} rows after {@code after} (exclusive) in sort order, skipping
     * {@code offset} matching rows first. {@code more} tells whether another row exists.
     */
    Page page(Filter f, Sort sort, Position after, int offset, int limit) {
        lock.readLock().lock();
        try {
            List<Snapshot> rows = new ArrayList<>(Math.min(limit, 256));
            boolean[] more = {false};
            int[] skip = {offset};
            walk(f, sort, after, i -> {
                if (skip[0] > 0) {
                    skip[0]--;
                    return true;
                }
                if (rows.size() == limit) {
                    more[0] = true;
                    return false;
                }
                rows.add(new Snapshot(i + 1, version[i], created[i], updated[i]));
                return true;
            });
            return new Page(rows, more[0]);
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ walking in sort order

    /** Visits matching indexes in sort order, strictly after {@code after}; stops when the visitor returns false. */
    private void walk(Filter f, Sort sort, Position after, IntPredicate visitor) {
        IntPredicate v = i -> !matches(f, i) || visitor.test(i);
        if (f.numbers() != null) {
            walkCandidates(f.numbers(), sort, after, v);
            return;
        }
        switch (sort.field()) {
            case NUMBER, CREATED_AT, ORDER_DATE -> walkIndexOrder(f, sort, after, v);
            case ID -> walkIdOrder(sort, after, v);
            case UPDATED_AT -> walkUpdatedOrder(sort, after, v);
        }
    }

    private void walkCandidates(Set<Integer> numbers, Sort sort, Position after, IntPredicate v) {
        List<long[]> keys = new ArrayList<>();
        for (int n : numbers) {
            if (n >= 1 && n <= count) {
                keys.add(new long[]{primary(sort.field(), n - 1, created[n - 1], updated[n - 1]), n});
            }
        }
        keys.sort((a, b) -> compare(sort, a[0], (int) a[1], b[0], (int) b[1]));
        for (long[] k : keys) {
            if (after != null && compare(sort, k[0], (int) k[1], after.primary(), after.number()) <= 0) {
                continue;
            }
            if (!v.test((int) k[1] - 1)) {
                return;
            }
        }
    }

    private void walkIndexOrder(Filter f, Sort sort, Position after, IntPredicate v) {
        boolean byNumber = sort.field() == SortField.NUMBER;
        // index range allowed by a createdAt filter (createdAt is monotonic in the index)
        int lo = f.createdFrom() == Long.MIN_VALUE ? 0 : firstCreatedAtLeast(f.createdFrom());
        int hi = f.createdTo() == Long.MAX_VALUE ? count - 1 : firstCreatedAtLeast(f.createdTo() + 1) - 1;
        if (sort.ascending()) {
            int start = lo;
            if (after != null) {
                start = Math.max(start, byNumber ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, after.primary()))
                        : firstIndexAfter(after));
            }
            for (int i = start; i <= hi; i++) {
                if (!v.test(i)) {
                    return;
                }
            }
        } else {
            int start = hi;
            if (after != null) {
                start = Math.min(start, byNumber ? (int) Math.min(Integer.MAX_VALUE, after.primary() - 2)
                        : firstIndexAfter(new Position(after.primary(), after.number() - 1)) - 1);
            }
            for (int i = start; i >= lo; i--) {
                if (!v.test(i)) {
                    return;
                }
            }
        }
    }

    /** Lowest index whose (created, number) is greater than the position. */
    private int firstIndexAfter(Position p) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (created[mid] < p.primary() || (created[mid] == p.primary() && mid + 1 <= p.number())) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int firstCreatedAtLeast(long t) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (created[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void walkIdOrder(Sort sort, Position after, IntPredicate v) {
        long[] ids = idIndex();
        if (sort.ascending()) {
            int start = 0;
            if (after != null) {
                int p = Arrays.binarySearch(ids, after.primary());
                start = p >= 0 ? p + 1 : -p - 1;
            }
            for (int k = start; k < ids.length; k++) {
                if (!v.test(numberOfIdPrimary(ids[k]) - 1)) {
                    return;
                }
            }
        } else {
            int start = ids.length - 1;
            if (after != null) {
                int p = Arrays.binarySearch(ids, after.primary());
                start = p >= 0 ? p - 1 : -p - 2;
            }
            for (int k = start; k >= 0; k--) {
                if (!v.test(numberOfIdPrimary(ids[k]) - 1)) {
                    return;
                }
            }
        }
    }

    private int numberOfIdPrimary(long primary) {
        return generator.numberOfIdHigh(primary ^ Long.MIN_VALUE);
    }

    private void walkUpdatedOrder(Sort sort, Position after, IntPredicate v) {
        TreeSet<Long> set = updatedIndex();
        Iterator<Long> it;
        if (sort.ascending()) {
            it = after == null ? set.iterator() : set.tailSet(updatedKey(after.primary(), after.number()), false).iterator();
        } else {
            it = after == null ? set.descendingIterator()
                    : set.headSet(updatedKey(after.primary(), after.number()), false).descendingIterator();
        }
        while (it.hasNext()) {
            long key = it.next();
            if (!v.test((int) (key & ((1L << 30) - 1)) - 1)) {
                return;
            }
        }
    }

    private boolean matches(Filter f, int i) {
        if (deleted.get(i)) {
            return false;
        }
        if (f.storeType() != null && wholesale[i] != (f.storeType() == StoreType.WHOLESALE)) {
            return false;
        }
        if (f.statuses() != null && !f.statuses().contains(OrderStatus.values()[status[i]])) {
            return false;
        }
        long c = created[i];
        long u = updated[i];
        return c >= f.createdFrom() && c <= f.createdTo() && u >= f.updatedFrom() && u <= f.updatedTo();
    }

    private long primary(SortField field, int i, long createdAt, long updatedAt) {
        return switch (field) {
            case ID -> idPrimary(i + 1);
            case NUMBER -> i + 1;
            case ORDER_DATE, CREATED_AT -> createdAt;
            case UPDATED_AT -> updatedAt;
        };
    }

    private static int compare(Sort sort, long p1, int n1, long p2, int n2) {
        int c = p1 != p2 ? Long.compare(p1, p2) : Integer.compare(n1, n2);
        return sort.ascending() ? c : -c;
    }

    private static long updatedKey(long updatedEpoch, int number) {
        return (updatedEpoch << 30) | number;
    }

    private long[] idIndex() {
        long[] ids = idIndex;
        if (ids == null || ids.length != count) {
            synchronized (this) {
                ids = idIndex;
                if (ids == null || ids.length != count) {
                    ids = new long[count];
                    for (int i = 0; i < count; i++) {
                        ids[i] = idPrimary(i + 1);
                    }
                    Arrays.sort(ids);
                    idIndex = ids;
                }
            }
        }
        return ids;
    }

    private TreeSet<Long> updatedIndex() {
        TreeSet<Long> set = updatedIndex;
        if (set == null) {
            synchronized (this) {
                set = updatedIndex;
                if (set == null) {
                    set = new TreeSet<>();
                    for (int i = 0; i < count; i++) {
                        set.add(updatedKey(updated[i], i + 1));
                    }
                    updatedIndex = set;
                }
            }
        }
        return set;
    }

    // ------------------------------------------------------------------ mutations

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    /** Touches {@code n} distinct random orders; returns their numbers. */
    List<Integer> touchRandom(int n) {
        lock.writeLock().lock();
        try {
            int k = Math.min(n, count - deleted.cardinality());
            Set<Integer> chosen = new java.util.LinkedHashSet<>();
            while (chosen.size() < k) {
                int number = 1 + mutationRandom.nextInt(count);
                if (!deleted.get(number - 1)) {
                    chosen.add(number);
                }
            }
            for (int number : chosen) {
                touchLocked(number);
            }
            return List.copyOf(chosen);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Touches one order; false if it does not exist. */
    boolean touch(int number) {
        lock.writeLock().lock();
        try {
            if (number < 1 || number > count || deleted.get(number - 1)) {
                return false;
            }
            touchLocked(number);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void touchLocked(int number) {
        int i = number - 1;
        long newUpdated = Math.max(nowSeconds(), Math.max(created[i], updated[i]));
        TreeSet<Long> set = updatedIndex;
        if (set != null) {
            set.remove(updatedKey(updated[i], number));
            set.add(updatedKey(newUpdated, number));
        }
        version[i]++;
        updated[i] = newUpdated;
        status[i] = (byte) generator.materialise(number, version[i], created[i], newUpdated).status().ordinal();
        modCount++;
    }

    /** Deletes one order; false if it does not exist (or was deleted before). */
    boolean delete(int number) {
        lock.writeLock().lock();
        try {
            if (number < 1 || number > count || deleted.get(number - 1)) {
                return false;
            }
            deleted.set(number - 1);
            TreeSet<Long> set = updatedIndex;
            if (set != null) {
                set.remove(updatedKey(updated[number - 1], number));
            }
            modCount++;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Appends {@code n} new orders created now; returns their numbers. */
    List<Integer> add(int n) {
        lock.writeLock().lock();
        try {
            List<Integer> numbers = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                if (count == created.length) {
                    int cap = created.length * 2;
                    created = Arrays.copyOf(created, cap);
                    updated = Arrays.copyOf(updated, cap);
                    version = Arrays.copyOf(version, cap);
                    status = Arrays.copyOf(status, cap);
                    wholesale = Arrays.copyOf(wholesale, cap);
                }
                int i = count;
                int number = i + 1;
                long c = Math.max(nowSeconds(), i == 0 ? Long.MIN_VALUE : created[i - 1]);
                created[i] = c;
                updated[i] = c;
                status[i] = (byte) generator.initialStatus(number).ordinal();
                wholesale[i] = generator.storeType(number) == StoreType.WHOLESALE;
                TreeSet<Long> set = updatedIndex;
                if (set != null) {
                    set.add(updatedKey(c, number));
                }
                count++;
                numbers.add(number);
            }
            idIndex = null;
            modCount++;
            return numbers;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
