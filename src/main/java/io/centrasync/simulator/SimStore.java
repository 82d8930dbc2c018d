package io.centrasync.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The simulated store's data and the test hooks that change it. All hooks are thread-safe and
 * their effect is visible to the next GraphQL request. The {@code Sim*} records returned here are
 * exactly what the GraphQL API renders, so tests can compare a synced database with them.
 */
public final class SimStore {
    private final Instant anchor;
    private final Clock clock;
    private final ProductCatalog catalog;
    private final OrderGenerator generator;
    private final OrderTable orders;

    SimStore(SimulatorConfig config) {
        this.clock = config.clock();
        this.anchor = (config.anchor() != null ? config.anchor() : clock.instant()).truncatedTo(ChronoUnit.SECONDS);
        this.catalog = new ProductCatalog(config.seed(), config.productSizes(), config.warehouses());
        this.generator = new OrderGenerator(config.seed(), config.orders(), catalog);
        this.orders = new OrderTable(config.seed(), config.orders(), anchor, generator, clock);
    }

    /** Builds a store without an HTTP server (for unit tests of other packages). */
    public static SimStore create(SimulatorConfig config) {
        return new SimStore(config);
    }

    /** Latest timestamp of the generated data (generated data spans the two years before it). */
    public Instant anchor() {
        return anchor;
    }

    // ------------------------------------------------------------------ orders

    public int orderCount() {
        return orders.count();
    }

    /** All orders by ascending number, materialised lazily. */
    public Stream<SimOrder> orders() {
        int n = orders.count();
        return IntStream.rangeClosed(1, n).mapToObj(this::orderByNumber).flatMap(Optional::stream);
    }

    public Optional<SimOrder> orderByNumber(int number) {
        OrderTable.Snapshot s = orders.snapshot(number);
        return s == null ? Optional.empty() : Optional.of(orders.materialise(s));
    }

    public Optional<SimOrder> order(String id) {
        int number = generator.numberOf(id);
        return number < 1 ? Optional.empty() : orderByNumber(number);
    }

    /**
     * Changes {@code count} random distinct orders visibly (status advance, a cancelled unit, or
     * for final states the internal comment) and sets their updatedAt to now.
     *
     * @return the orders after the change
     */
    public List<SimOrder> touchOrders(int count) {
        return orders.touchRandom(count).stream().map(n -> orderByNumber(n).orElseThrow()).toList();
    }

    /** Touches one order (see {@link #touchOrders(int)}). */
    public SimOrder touch(String orderId) {
        int number = generator.numberOf(orderId);
        if (number < 1 || !orders.touch(number)) {
            throw new IllegalArgumentException("No such order: " + orderId);
        }
        return orderByNumber(number).orElseThrow();
    }

    /** Adds {@code count} new PENDING orders with createdAt = updatedAt = now. */
    public List<SimOrder> addOrders(int count) {
        return orders.add(count).stream().map(n -> orderByNumber(n).orElseThrow()).toList();
    }

    // ------------------------------------------------------------------ master data

    public List<SimProductSize> productSizes() {
        return catalog.sizes();
    }

    public List<SimWarehouse> warehouses() {
        return catalog.warehouses();
    }

    public List<SimSupplier> suppliers() {
        return catalog.suppliers();
    }

    // ------------------------------------------------------------------ package internals

    OrderTable orderTable() {
        return orders;
    }

    OrderGenerator orderGenerator() {
        return generator;
    }

    ProductCatalog catalog() {
        return catalog;
    }

    Clock clock() {
        return clock;
    }
}
