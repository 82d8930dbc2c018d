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

    /** Centra's events system: what the changes below queue for the listeners. */
    private final EventQueue events = new EventQueue();
    private final Instant anchor;
    private final Clock clock;
    private final ProductCatalog catalog;
    private final OrderGenerator generator;
    private final OrderTable orders;
    private final StockTable stock;
    private final SupplierModule supplierModule;

    SimStore(SimulatorConfig config) {
        this.clock = config.clock();
        this.anchor = (config.anchor() != null ? config.anchor() : clock.instant()).truncatedTo(ChronoUnit.SECONDS);
        this.catalog = new ProductCatalog(config.seed(), config.productSizes(), config.warehouses());
        this.generator = new OrderGenerator(config.seed(), config.orders(), catalog);
        this.orders = new OrderTable(config.seed(), config.orders(), anchor, generator, clock);
        this.stock = new StockTable(config.seed(), config.warehouses(), config.productSizes());
        this.supplierModule = new SupplierModule(config.seed(), config.purchaseOrders(), anchor, catalog, clock);
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

    /** The orders that exist (deleted ones not counted). */
    public int orderCount() {
        return orders.live();
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
        List<SimOrder> touched = orders.touchRandom(count).stream().map(n -> orderByNumber(n).orElseThrow()).toList();
        touched.forEach(o -> orderEvent(o, "UPDATED"));
        return touched;
    }

    /** Touches one order (see {@link #touchOrders(int)}). */
    public SimOrder touch(String orderId) {
        int number = generator.numberOf(orderId);
        if (number < 1 || !orders.touch(number)) {
            throw new IllegalArgumentException("No such order: " + orderId);
        }
        SimOrder touched = orderByNumber(number).orElseThrow();
        orderEvent(touched, "UPDATED");
        return touched;
    }

    /** Adds {@code count} new PENDING orders with createdAt = updatedAt = now. */
    public List<SimOrder> addOrders(int count) {
        List<SimOrder> added = orders.add(count).stream().map(n -> orderByNumber(n).orElseThrow()).toList();
        added.forEach(o -> orderEvent(o, "CREATED"));
        return added;
    }

    /**
     * Deletes an order: no query finds it any more, and listeners get a DELETED event without an object.
     *
     * @return whether it existed
     */
    public boolean deleteOrder(String orderId) {
        int number = generator.numberOf(orderId);
        if (number < 1 || !orders.delete(number)) {
            return false;
        }
        events.emit("Order", "DELETED", number, () -> null);
        return true;
    }

    /** An Order event: its reference is the order's number, its object the order as it is when the event is read. */
    private void orderEvent(SimOrder order, String changeType) {
        int number = order.number();
        events.emit("Order", changeType, number, () -> orderByNumber(number).orElse(null));
    }

    /** Centra's events system of this store. */
    EventQueue events() {
        return events;
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

    // ------------------------------------------------------------------ inventory

    /** All stock rows, by product size then warehouse. */
    public List<SimStock> stock() {
        return stock.all();
    }

    public Optional<SimStock> stock(int warehouseId, int productSizeId) {
        return Optional.ofNullable(stock.get(warehouseId, productSizeId));
    }

    /** Sets physical and allocated quantity of a row (creating it if missing). */
    public SimStock setStock(int warehouseId, int productSizeId, int physicalQuantity, int allocatedQuantity) {
        SimStock set = stock.set(warehouseId, productSizeId, physicalQuantity, allocatedQuantity);
        stockEvent(productSizeId);
        return set;
    }

    /** A StockChange event; its reference is the product size (the simulator's choice), it carries no object. */
    private void stockEvent(int productSizeId) {
        events.emit("StockChange", "CREATED", productSizeId, () -> null);
    }

    /** Removes a stock row; false if there was none. */
    public boolean removeStock(int warehouseId, int productSizeId) {
        boolean removed = stock.remove(warehouseId, productSizeId);
        if (removed) {
            stockEvent(productSizeId);
        }
        return removed;
    }

    /** Changes quantities of {@code count} random rows (receipts, allocations, demand); returns them. */
    public List<SimStock> changeStock(int count) {
        List<SimStock> changed = stock.changeRandom(count);
        changed.forEach(row -> stockEvent(row.productSizeId()));
        return changed;
    }

    // ------------------------------------------------------------------ supplier module (indeliveries)

    public List<SimPurchaseOrder> purchaseOrders() {
        return supplierModule.orders();
    }

    public Optional<SimPurchaseOrder> purchaseOrder(int id) {
        return Optional.ofNullable(supplierModule.order(id));
    }

    public List<SimPurchaseOrderDelivery> purchaseOrderDeliveries() {
        return supplierModule.deliveries();
    }

    /** Changes {@code count} random POs visibly and sets their updatedAt to now. */
    public List<SimPurchaseOrder> touchPurchaseOrders(int count) {
        List<SimPurchaseOrder> touched = supplierModule.touchRandom(count);
        touched.forEach(po -> purchaseOrderEvent(po.id(), "UPDATED"));
        return touched;
    }

    public SimPurchaseOrder touchPurchaseOrder(int id) {
        SimPurchaseOrder touched = supplierModule.touch(id);
        purchaseOrderEvent(id, "UPDATED");
        return touched;
    }

    private void purchaseOrderEvent(int id, String changeType) {
        events.emit("PurchaseOrder", changeType, id, () -> purchaseOrder(id).orElse(null));
    }

    private void deliveryEvent(SimPurchaseOrderDelivery delivery, String changeType) {
        int id = delivery.id();
        events.emit("PurchaseOrderDelivery", changeType, id,
                () -> purchaseOrderDeliveries().stream().filter(d -> d.id() == id).findFirst().orElse(null));
    }

    /** Adds an INSERTED delivery (created now) to a PO; the PO's updatedAt becomes now. */
    public SimPurchaseOrderDelivery addDelivery(int purchaseOrderId) {
        SimPurchaseOrderDelivery added = supplierModule.addDelivery(purchaseOrderId);
        deliveryEvent(added, "CREATED");
        purchaseOrderEvent(purchaseOrderId, "UPDATED");
        return added;
    }

    /** Changes a delivery's status; its PO's updatedAt becomes now. */
    public SimPurchaseOrderDelivery setDeliveryStatus(int deliveryId, PurchaseOrderDeliveryStatus status) {
        SimPurchaseOrderDelivery changed = supplierModule.setDeliveryStatus(deliveryId, status);
        deliveryEvent(changed, "UPDATED");
        return changed;
    }

    // ------------------------------------------------------------------ package internals

    StockTable stockTable() {
        return stock;
    }

    SupplierModule supplierModule() {
        return supplierModule;
    }

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
