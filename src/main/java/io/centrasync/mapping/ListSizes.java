package io.centrasync.mapping;

import java.util.List;

/**
 * How many elements each innermost record list of one answer held, in answer order: for records at
 * {@code data.warehouses[].stock[]} one stock list per warehouse ({@code warehouses[0].stock}, ...), for
 * {@code data.purchaseOrderDeliveries[]} the one list. With page-number paging each is one page of its own list,
 * so position i of page n and of page n+1 are the same list (see {@code io.centrasync.centra.PageEnds}).
 */
public final class ListSizes {

    private final List<String> names;
    private final int[] sizes;

    private ListSizes(List<String> names, int[] sizes) {
        this.names = List.copyOf(names);
        this.sizes = sizes.clone();
    }

    /** @param names where each list is, e.g. {@code warehouses[2].stock}; one per size */
    public static ListSizes of(List<String> names, int... sizes) {
        if (names.size() != sizes.length) {
            throw new IllegalArgumentException(names.size() + " names for " + sizes.length + " sizes");
        }
        return new ListSizes(names, sizes);
    }

    /** How many lists the answer had. */
    public int count() {
        return sizes.length;
    }

    /** Elements of list {@code i}; 0 for a list the answer did not have. */
    public int size(int i) {
        return i < sizes.length ? sizes[i] : 0;
    }

    /** Where list {@code i} is, e.g. {@code warehouses[2].stock}. */
    public String name(int i) {
        return names.get(i);
    }

    /** Elements of all lists together. */
    public long total() {
        long n = 0;
        for (int s : sizes) {
            n += s;
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < sizes.length; i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(sizes[i]);
        }
        return b.append(']').toString();
    }
}
