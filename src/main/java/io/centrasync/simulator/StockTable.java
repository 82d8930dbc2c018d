package io.centrasync.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Stock rows as compact arrays, slot {@code (sizeId - 1) * W + (warehouseId - 1)}, so slot order
 * is Centra's default stock order (product, variant, size sort) within each warehouse. About 8% of
 * (warehouse, size) pairs have no row. Thread-safe via the object monitor.
 */
final class StockTable {
    private final int warehouses;
    private final int sizes;
    private final boolean[] present;
    private final int[] physical;
    private final int[] allocated;
    private final int[] demand;
    private final int[] linked;
    private final int[] unlinked;
    private final int[] onDelivery;
    private final SplittableRandom mutationRandom;

    StockTable(long seed, int warehouses, int sizes) {
        this.warehouses = warehouses;
        this.sizes = sizes;
        int n = warehouses * sizes;
        present = new boolean[n];
        physical = new int[n];
        allocated = new int[n];
        demand = new int[n];
        linked = new int[n];
        unlinked = new int[n];
        onDelivery = new int[n];
        mutationRandom = new SplittableRandom(Seeds.hash(seed, 0, 303));
        for (int k = 0; k < n; k++) {
            SplittableRandom r = Seeds.rng(seed, k, 301);
            if (r.nextDouble() < 0.08) {
                continue;
            }
            present[k] = true;
            physical[k] = r.nextDouble() < 0.2 ? 0 : r.nextInt(201);
            allocated[k] = physical[k] == 0 ? 0 : r.nextInt(Math.min(physical[k], 20) + 1);
            demand[k] = r.nextDouble() < 0.8 ? 0 : 1 + r.nextInt(10);
            linked[k] = r.nextDouble() < 0.85 ? 0 : r.nextInt(30);
            unlinked[k] = r.nextDouble() < 0.7 ? 0 : r.nextInt(50);
            onDelivery[k] = r.nextDouble() < 0.85 ? 0 : r.nextInt(30);
        }
    }

    private int slot(int warehouseId, int sizeId) {
        if (warehouseId < 1 || warehouseId > warehouses || sizeId < 1 || sizeId > sizes) {
            throw new IllegalArgumentException("No such warehouse/size: " + warehouseId + "/" + sizeId);
        }
        return (sizeId - 1) * warehouses + (warehouseId - 1);
    }

    private SimStock row(int k) {
        return new SimStock(k % warehouses + 1, k / warehouses + 1, physical[k], allocated[k], demand[k],
                linked[k], unlinked[k], onDelivery[k]);
    }

    synchronized SimStock get(int warehouseId, int sizeId) {
        int k = slot(warehouseId, sizeId);
        return present[k] ? row(k) : null;
    }

    /** All rows by size, then warehouse. */
    synchronized List<SimStock> all() {
        List<SimStock> out = new ArrayList<>();
        for (int k = 0; k < present.length; k++) {
            if (present[k]) {
                out.add(row(k));
            }
        }
        return out;
    }

    /**
     * Rows of one warehouse (or one size), filtered, in {@code order}, paged. A null order is the
     * slots' own: for a warehouse by size (Centra's default: product, variant, size sort), for a size
     * by warehouse.
     *
     * @param warehouseId fixed warehouse, or 0
     * @param sizeId      fixed size, or 0
     */
    synchronized List<SimStock> page(int warehouseId, int sizeId, Comparator<SimStock> order, Predicate<SimStock> filter,
                                     int offset, int limit) {
        List<SimStock> out = new ArrayList<>(Math.min(limit, 256));
        int count = sizeId > 0 ? warehouses : sizes;
        int skip = order == null ? offset : 0;
        for (int j = 0; j < count && (order != null || out.size() < limit); j++) {
            int k = sizeId > 0 ? slot(j + 1, sizeId) : slot(warehouseId, j + 1);
            if (!present[k]) {
                continue;
            }
            SimStock s = row(k);
            if (!filter.test(s)) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            out.add(s);
        }
        if (order == null) {
            return out;
        }
        out.sort(order);
        return List.copyOf(out.subList(Math.min(offset, out.size()), Math.min(offset + limit, out.size())));
    }

    /** Sets a row's physical and allocated quantities, creating the row if missing. */
    synchronized SimStock set(int warehouseId, int sizeId, int physicalQty, int allocatedQty) {
        if (allocatedQty < 0 || allocatedQty > physicalQty) {
            throw new IllegalArgumentException("need 0 <= allocated <= physical");
        }
        int k = slot(warehouseId, sizeId);
        present[k] = true;
        physical[k] = physicalQty;
        allocated[k] = allocatedQty;
        return row(k);
    }

    synchronized boolean remove(int warehouseId, int sizeId) {
        int k = slot(warehouseId, sizeId);
        boolean was = present[k];
        present[k] = false;
        return was;
    }

    /** Changes physical/allocated/demand of {@code n} random existing rows; returns them. */
    synchronized List<SimStock> changeRandom(int n) {
        java.util.Set<Integer> changed = new java.util.LinkedHashSet<>();
        for (int tries = 0; changed.size() < n && tries < n * 50; tries++) {
            int k = mutationRandom.nextInt(present.length);
            if (!present[k] || changed.contains(k)) {
                continue;
            }
            int delta = 1 + mutationRandom.nextInt(20);
            if (mutationRandom.nextBoolean()) {
                physical[k] += delta;                 // goods received
            } else if (allocated[k] < physical[k]) {
                allocated[k]++;                       // an order allocated a unit
                demand[k] = Math.max(0, demand[k] - 1);
            } else {
                demand[k]++;                          // sold without stock
            }
            changed.add(k);
        }
        return changed.stream().map(this::row).toList();
    }
}
