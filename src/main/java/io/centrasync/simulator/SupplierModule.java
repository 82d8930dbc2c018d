package io.centrasync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Purchase orders and their supplier deliveries, held as immutable records (counts are modest)
 * and replaced on change. Delivery ids follow purchase-order order; a PO's deliveries are dated
 * between its createdAt and updatedAt. Thread-safe via the object monitor.
 */
final class SupplierModule {
    private static final PurchaseOrderStatus[] STATUSES = PurchaseOrderStatus.values();

    private final ProductCatalog catalog;
    private final Clock clock;
    private final SplittableRandom mutationRandom;
    private final List<SimPurchaseOrder> orders = new ArrayList<>();
    private final List<SimPurchaseOrderDelivery> deliveries = new ArrayList<>();

    SupplierModule(long seed, int count, Instant anchor, ProductCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
        this.mutationRandom = new SplittableRandom(Seeds.hash(seed, 0, 403));
        long end = anchor.getEpochSecond();
        long span = 730L * 86_400;
        for (int i = 0; i < count; i++) {
            int id = i + 1;
            SplittableRandom r = Seeds.rng(seed, id, 401);
            long created = end - span + (long) ((i + r.nextDouble()) * span / count);
            long updated = Math.min(end, created + (long) (Math.pow(r.nextDouble(), 3) * 90 * 86_400));
            PurchaseOrderStatus status = STATUSES[Seeds.pickWeighted(r, 10, 25, 20, 40, 5)];
            Instant eta = r.nextDouble() < 0.15 ? null : Instant.ofEpochSecond(created + (20 + r.nextInt(100)) * 86_400L);
            SimCurrency currency = new SimCurrency[]{SimCurrency.SEK, SimCurrency.EUR, SimCurrency.USD}[r.nextInt(3)];
            int supplier = 1 + r.nextInt(catalog.suppliers().size());
            Integer warehouse = r.nextDouble() < 0.1 ? null : 1 + r.nextInt(catalog.warehouses().size());
            String ref = r.nextDouble() < 0.3 ? null : "REF-" + (2024 + r.nextInt(2)) + "/" + TextPools.pick(r, TextPools.SEASONS) + "-" + id;
            int lineCount = 1 + r.nextInt(8);
            List<SimPurchaseOrderLine> lines = new ArrayList<>();
            Set<Integer> used = new HashSet<>();
            for (int k = 0; k < lineCount; k++) {
                int size = 1 + r.nextInt(catalog.sizes().size());
                if (!used.add(size)) {
                    continue;
                }
                int q = 10 + r.nextInt(491);
                int linkedQ = r.nextDouble() < 0.7 ? 0 : r.nextInt(q / 4 + 1);
                BigDecimal cost = currency.round(catalog.size(size).basePriceSek().multiply(new BigDecimal("0.3"))
                        .divide(BigDecimal.valueOf(currency.baseRate()), 6, RoundingMode.HALF_UP));
                lines.add(new SimPurchaseOrderLine(size, q, linkedQ, cost));
            }
            SimPurchaseOrder po = new SimPurchaseOrder(id, status, Instant.ofEpochSecond(created), Instant.ofEpochSecond(updated),
                    eta, ref, currency, supplier, warehouse, List.copyOf(lines));
            orders.add(po);
            int n = switch (status) {
                case DRAFT, CANCELLED -> 0;
                case CONFIRMED -> r.nextDouble() < 0.3 ? 1 : 0;
                case PARTIALLY_DELIVERED -> 1 + r.nextInt(2);
                case DELIVERED -> 1 + r.nextInt(3);
            };
            for (int k = 1; k <= n; k++) {
                PurchaseOrderDeliveryStatus ds = switch (status) {
                    case CONFIRMED -> PurchaseOrderDeliveryStatus.INSERTED;
                    case PARTIALLY_DELIVERED -> k == 1 ? PurchaseOrderDeliveryStatus.ACCEPTED : PurchaseOrderDeliveryStatus.INSERTED;
                    default -> PurchaseOrderDeliveryStatus.ACCEPTED;
                };
                long at = created + (updated - created) * k / (n + 1);
                deliveries.add(delivery(po, k, n + (status == PurchaseOrderStatus.PARTIALLY_DELIVERED ? 1 : 0), ds,
                        Instant.ofEpochSecond(at), r));
            }
        }
    }

    /** Delivery {@code k} of {@code parts} equal parts of every PO line. */
    private SimPurchaseOrderDelivery delivery(SimPurchaseOrder po, int k, int parts, PurchaseOrderDeliveryStatus status,
                                              Instant createdAt, SplittableRandom r) {
        List<SimPurchaseOrderDeliveryLine> lines = new ArrayList<>();
        for (SimPurchaseOrderLine l : po.lines()) {
            int q = k == parts ? l.quantity() - (l.quantity() / parts) * (parts - 1) : l.quantity() / parts;
            BigDecimal factor = BigDecimal.valueOf(105 + r.nextInt(21), 2);
            lines.add(new SimPurchaseOrderDeliveryLine(l.productSizeId(), Math.max(1, q),
                    po.currency().round(l.unitCost().multiply(factor))));
        }
        Instant eta = createdAt.plusSeconds((5 + r.nextInt(30)) * 86_400L);
        return new SimPurchaseOrderDelivery(deliveries.size() + 1, po.id() + "-" + k, status, createdAt, eta, po.id(),
                po.supplierId(), po.preferredWarehouseId() != null ? po.preferredWarehouseId() : 1, po.currency(), List.copyOf(lines));
    }

    private Instant now(Instant notBefore) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return now.isBefore(notBefore) ? notBefore : now;
    }

    synchronized List<SimPurchaseOrder> orders() {
        return List.copyOf(orders);
    }

    synchronized List<SimPurchaseOrderDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized SimPurchaseOrder order(int id) {
        return id >= 1 && id <= orders.size() ? orders.get(id - 1) : null;
    }

    synchronized SimPurchaseOrderDelivery delivery(int id) {
        return id >= 1 && id <= deliveries.size() ? deliveries.get(id - 1) : null;
    }

    synchronized List<SimPurchaseOrderDelivery> deliveriesOf(int purchaseOrderId) {
        return deliveries.stream().filter(d -> d.purchaseOrderId() == purchaseOrderId).toList();
    }

    /** Visible change + updatedAt = now: status advance, a line quantity increase, or a new reference. */
    synchronized SimPurchaseOrder touch(int id) {
        SimPurchaseOrder po = order(id);
        if (po == null) {
            throw new IllegalArgumentException("No such purchase order: " + id);
        }
        Instant now = now(po.updatedAt());
        SimPurchaseOrder changed = switch (po.status()) {
            case DRAFT -> po.with(PurchaseOrderStatus.CONFIRMED, now, po.ourReference(), po.lines());
            case CONFIRMED -> {
                List<SimPurchaseOrderLine> lines = new ArrayList<>(po.lines());
                SimPurchaseOrderLine l = lines.get(0);
                lines.set(0, new SimPurchaseOrderLine(l.productSizeId(), l.quantity() + 5, l.linkedQuantity(), l.unitCost()));
                yield po.with(po.status(), now, po.ourReference(), List.copyOf(lines));
            }
            case PARTIALLY_DELIVERED -> po.with(PurchaseOrderStatus.DELIVERED, now, po.ourReference(), po.lines());
            default -> po.with(po.status(), now, "REF-touched-" + now.getEpochSecond(), po.lines());
        };
        orders.set(id - 1, changed);
        return changed;
    }

    synchronized List<SimPurchaseOrder> touchRandom(int n) {
        Set<Integer> ids = new java.util.LinkedHashSet<>();
        while (ids.size() < Math.min(n, orders.size())) {
            ids.add(1 + mutationRandom.nextInt(orders.size()));
        }
        return ids.stream().map(this::touch).toList();
    }

    /** New INSERTED delivery of a quarter of every line, created now; bumps the PO's updatedAt. */
    synchronized SimPurchaseOrderDelivery addDelivery(int purchaseOrderId) {
        SimPurchaseOrder po = order(purchaseOrderId);
        if (po == null) {
            throw new IllegalArgumentException("No such purchase order: " + purchaseOrderId);
        }
        Instant now = now(po.updatedAt());
        int k = deliveriesOf(purchaseOrderId).size() + 1;
        SimPurchaseOrderDelivery d = delivery(po, 1, 4, PurchaseOrderDeliveryStatus.INSERTED, now, mutationRandom);
        d = new SimPurchaseOrderDelivery(d.id(), po.id() + "-" + k, d.status(), d.createdAt(), d.eta(), d.purchaseOrderId(),
                d.supplierId(), d.warehouseId(), d.currency(), d.lines());
        deliveries.add(d);
        PurchaseOrderStatus s = po.status() == PurchaseOrderStatus.DRAFT || po.status() == PurchaseOrderStatus.CONFIRMED
                ? PurchaseOrderStatus.PARTIALLY_DELIVERED : po.status();
        orders.set(po.id() - 1, po.with(s, now, po.ourReference(), po.lines()));
        return d;
    }

    /** Changes a delivery's status; bumps its PO's updatedAt (deliveries have none). */
    synchronized SimPurchaseOrderDelivery setDeliveryStatus(int deliveryId, PurchaseOrderDeliveryStatus status) {
        SimPurchaseOrderDelivery d = delivery(deliveryId);
        if (d == null) {
            throw new IllegalArgumentException("No such delivery: " + deliveryId);
        }
        SimPurchaseOrderDelivery changed = d.withStatus(status);
        deliveries.set(deliveryId - 1, changed);
        SimPurchaseOrder po = order(d.purchaseOrderId());
        orders.set(po.id() - 1, po.with(po.status(), now(po.updatedAt()), po.ourReference(), po.lines()));
        return changed;
    }
}
