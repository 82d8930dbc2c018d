package io.centrasync.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds orders on demand from (seed, number, version) so that a million orders need no
 * materialised objects. Version 0 is the generated order; each later version applies one
 * deterministic "touch" step (status advance, a cancelled unit, or a new internal comment).
 * Order ids are a reversible 128-bit hash of the number, so an id lookup needs no map.
 */
final class OrderGenerator {
    static final int DTC_STORE_ID = 1;
    static final int WHOLESALE_STORE_ID = 2;

    private static final OrderStatus[] STATUSES = OrderStatus.values();
    /** Weights for PENDING CONFIRMED PROCESSING SHIPPED ARCHIVED CANCELLED. */
    private static final int[] STATUS_WEIGHTS = {5, 10, 10, 35, 35, 5};

    private final long seed;
    private final long idKey;
    private final int initialCount;
    private final ProductCatalog catalog;

    OrderGenerator(long seed, int initialCount, ProductCatalog catalog) {
        this.seed = seed;
        this.idKey = Seeds.mix(seed ^ 0x5EEDL);
        this.initialCount = initialCount;
        this.catalog = catalog;
    }

    // ------------------------------------------------------------------ cheap per-number facts

    StoreType storeType(int number) {
        return Seeds.unit(Seeds.hash(seed, number, 1)) < 0.8 ? StoreType.DIRECT_TO_CONSUMER : StoreType.WHOLESALE;
    }

    /** Status at version 0. Orders added after start begin as PENDING. */
    OrderStatus initialStatus(int number) {
        if (number > initialCount) {
            return OrderStatus.PENDING;
        }
        SplittableRandom r = Seeds.rng(seed, number, 2);
        return STATUSES[Seeds.pickWeighted(r, STATUS_WEIGHTS)];
    }

    /** High 64 bits of the id; unsigned order of these equals the lexicographic order of ids. */
    long idHigh(int number) {
        return Seeds.mix(number ^ idKey);
    }

    String orderId(int number) {
        long high = idHigh(number);
        long low = Seeds.mix(high ^ seed);
        return String.format("%016x%016x", high, low);
    }

    int numberOfIdHigh(long high) {
        return (int) (Seeds.unmix(high) ^ idKey);
    }

    /** The number encoded in an id, or -1 if the id is not one of ours. */
    int numberOf(String id) {
        if (id == null || id.length() != 32) {
            return -1;
        }
        try {
            long high = Long.parseUnsignedLong(id.substring(0, 16), 16);
            long n = Seeds.unmix(high) ^ idKey;
            if (n < 1 || n > Integer.MAX_VALUE || !orderId((int) n).equals(id.toLowerCase())) {
                return -1;
            }
            return (int) n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ materialisation

    SimOrder materialise(int number, int version, long createdEpoch, long updatedEpoch) {
        SplittableRandom r = Seeds.rng(seed, number, 3);
        StoreType storeType = storeType(number);
        boolean dtc = storeType == StoreType.DIRECT_TO_CONSUMER;
        OrderStatus status = initialStatus(number);

        SimCurrency currency;
        String countryCode;
        String countryName;
        double tax;
        int marketId;
        String marketName;
        if (dtc) {
            currency = SimCurrency.values()[Seeds.pickWeighted(r, 35, 30, 10, 8, 6, 6, 5)];
            String[] c = dtcCountry(currency, r);
            countryCode = c[0];
            countryName = c[1];
            tax = Double.parseDouble(c[2]);
            marketId = Integer.parseInt(c[3]);
            marketName = c[4];
        } else {
            currency = SimCurrency.values()[Seeds.pickWeighted(r, 40, 35, 15, 10)];
            String[] c = wholesaleCountry(currency, r);
            countryCode = c[0];
            countryName = c[1];
            tax = countryCode.equals("SE") ? 25 : 0;
            marketId = 7;
            marketName = "Wholesale";
        }

        int lineCount = 1 + Seeds.pickWeighted(r, 15, 20, 20, 15, 10, 8, 7, 5);
        List<LineState> lines = new ArrayList<>(lineCount);
        for (int k = 0; k < lineCount; k++) {
            lines.add(newLine(r, number, k, dtc, currency, tax));
        }
        // cancellations, returns
        if (status == OrderStatus.CANCELLED) {
            for (LineState l : lines) {
                l.cancelled = l.ordered;
            }
        } else {
            for (int k = 0; k < lines.size(); k++) {
                LineState l = lines.get(k);
                double x = r.nextDouble();
                if (x < 0.05 && k > 0) {
                    l.cancelled = l.ordered;               // fully cancelled line; line 0 always stays
                } else if (x < 0.13 && l.ordered > 1) {
                    l.cancelled = 1 + r.nextInt(l.ordered - 1);
                }
                if ((status == OrderStatus.SHIPPED || status == OrderStatus.ARCHIVED)
                        && l.quantity() > 0 && r.nextDouble() < 0.05) {
                    l.returned = 1;
                }
            }
        }

        BigDecimal shipping;
        if (dtc) {
            shipping = r.nextDouble() < 0.4 ? BigDecimal.ZERO : convert(new BigDecimal("59"), currency, false);
        } else {
            shipping = r.nextDouble() < 0.5 ? BigDecimal.ZERO : convert(new BigDecimal("450"), currency, false);
        }
        shipping = currency.round(shipping);

        String otherComment = "";
        double c = r.nextDouble();
        if (c < 0.005) {
            otherComment = TextPools.longText(r);
        } else if (c < 0.2) {
            otherComment = TextPools.pick(r, TextPools.COMMENTS);
        }
        String internalComment = r.nextDouble() < 0.3 ? TextPools.pick(r, TextPools.INTERNAL_COMMENTS) : null;

        SimCustomer customer = null;
        String poNumber = null;
        SimAccount account = null;
        SimBuyer buyer = null;
        if (dtc) {
            String first = TextPools.pick(r, TextPools.FIRST_NAMES);
            String last = TextPools.pick(r, TextPools.LAST_NAMES);
            int customerId = 10_000 + r.nextInt(Math.max(10, initialCount / 2 + 10));
            String email = r.nextDouble() < 0.05 ? null
                    : "customer" + customerId + "@" + TextPools.pick(r, TextPools.EMAIL_DOMAINS);
            customer = new SimCustomer(customerId, email, first, last);
        } else {
            int a = r.nextInt(TextPools.ACCOUNTS.length);
            account = new SimAccount(500 + a, TextPools.ACCOUNTS[a]);
            buyer = new SimBuyer(800 + a * 3 + r.nextInt(3), "buyer" + (a * 3) + "@example.com");
            poNumber = r.nextDouble() < 0.3 ? null : "PO-" + (2024 + r.nextInt(2)) + "-" + String.format("%04d", r.nextInt(10_000));
        }

        List<SimAttribute> attributes = attributes(r, dtc, number);

        // touch steps
        for (int step = 1; step <= version; step++) {
            SplittableRandom t = Seeds.rng(seed, number, 1000L + step);
            OrderStatus next = touch(t, status, lines);
            if (next == null) {
                internalComment = "Touched #" + step + " – ändrad";
            } else {
                status = next;
            }
        }

        List<SimLine> simLines = new ArrayList<>(lines.size());
        for (LineState l : lines) {
            simLines.add(l.freeze(currency));
        }
        Instant created = Instant.ofEpochSecond(createdEpoch);
        return new SimOrder(orderId(number), number, version, storeType,
                dtc ? DTC_STORE_ID : WHOLESALE_STORE_ID, dtc ? "Retail" : "Wholesale B2B",
                status, created, Instant.ofEpochSecond(updatedEpoch), created, currency,
                marketId, marketName, countryCode, countryName, otherComment, internalComment,
                customer, poNumber, account, buyer, shipping, tax, List.copyOf(simLines), attributes);
    }

    /**
     * One touch step: advance the status or cancel a unit. Always changes something visible.
     * Returns null when the order is in a final state; the caller then changes the internal comment.
     */
    private static OrderStatus touch(SplittableRandom t, OrderStatus status, List<LineState> lines) {
        if (status == OrderStatus.CANCELLED || status == OrderStatus.ARCHIVED) {
            return null;
        }
        boolean open = status == OrderStatus.PENDING || status == OrderStatus.CONFIRMED || status == OrderStatus.PROCESSING;
        List<LineState> cancellable = lines.stream().filter(l -> l.quantity() > 0).toList();
        if (open && !cancellable.isEmpty() && t.nextDouble() < 0.5) {
            LineState l = cancellable.get(t.nextInt(cancellable.size()));
            l.cancelled++;
            if (lines.stream().allMatch(x -> x.quantity() == 0)) {
                return OrderStatus.CANCELLED;
            }
            return status;
        }
        return switch (status) {
            case PENDING -> OrderStatus.CONFIRMED;
            case CONFIRMED -> OrderStatus.PROCESSING;
            case PROCESSING -> OrderStatus.SHIPPED;
            default -> OrderStatus.ARCHIVED;
        };
    }

    private LineState newLine(SplittableRandom r, int number, int k, boolean dtc, SimCurrency currency, double tax) {
        LineState l = new LineState();
        l.id = number * 10 + k + 1;
        double kind = r.nextDouble();
        l.tax = tax;
        if (dtc && kind < 0.04) {
            l.type = "GiftCertificateOrderLine";
            BigDecimal amount = new BigDecimal(new String[]{"250", "500", "1000"}[r.nextInt(3)]);
            l.productNumber = "GC";
            l.productName = "Gift certificate " + amount + " SEK 🎁";
            l.size = "";
            l.unitOriginal = convert(amount, currency, false);
            l.tax = 0;
            l.ordered = 1;
        } else {
            SimProductSize ps = catalog.size(1 + r.nextInt(catalog.sizes().size()));
            boolean bundle = kind < 0.08;
            l.type = bundle ? "BundleOrderLine" : "ProductOrderLine";
            l.productSize = bundle ? null : ps;
            l.productNumber = bundle ? "BND-" + ps.productNumber() : ps.productNumber();
            l.productName = bundle ? "Bundle: " + ps.productName() + " + socks" : ps.productName();
            l.size = bundle ? "" : ps.description();
            BigDecimal price = ps.basePriceSek();
            if (!dtc) {
                price = price.multiply(new BigDecimal("0.45"));   // wholesale price
            }
            l.unitOriginal = convert(price, currency, true);
            l.ordered = dtc ? (r.nextDouble() < 0.8 ? 1 : 2 + r.nextInt(3)) : 5 + r.nextInt(116);
        }
        double d = r.nextDouble();
        l.discount = d < 0.7 || l.type.equals("GiftCertificateOrderLine") ? 0 : new double[]{10, 15.5, 20, 30}[r.nextInt(4)];
        l.unitPrice = currency.round(l.unitOriginal.multiply(BigDecimal.valueOf(100 - l.discount))
                .divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP));
        return l;
    }

    /** Converts a SEK amount into a realistic price in the target currency (".95"/".50"-style endings). */
    private static BigDecimal convert(BigDecimal sek, SimCurrency to, boolean priceEnding) {
        if (to == SimCurrency.SEK) {
            return to.round(sek);
        }
        BigDecimal v = sek.divide(BigDecimal.valueOf(to.baseRate()), 6, RoundingMode.HALF_UP);
        if (to.decimals() == 0) {
            return v.divide(BigDecimal.TEN, 0, RoundingMode.HALF_UP).multiply(BigDecimal.TEN);
        }
        if (!priceEnding) {
            return to.round(v);
        }
        BigDecimal whole = v.setScale(0, RoundingMode.FLOOR);
        int cents = (whole.intValue() % 3) == 0 ? 95 : (whole.intValue() % 3 == 1 ? 50 : 0);
        return whole.add(BigDecimal.valueOf(cents, 2)).setScale(2, RoundingMode.UNNECESSARY);
    }

    private List<SimAttribute> attributes(SplittableRandom r, boolean dtc, int number) {
        List<SimAttribute> out = new ArrayList<>(3);
        if (dtc && r.nextDouble() < 0.15) {
            String message = r.nextDouble() < 0.2 ? null : TextPools.pick(r, TextPools.COMMENTS);
            boolean gold = r.nextBoolean();
            out.add(new SimAttribute("gift_wrap", false, "Gift wrapping", "Order", List.of(
                    SimAttributeElement.string("message", "Message", message),
                    SimAttributeElement.choice("paper", "Paper", gold ? "gold" : "kraft",
                            gold ? "Gold foil" : "Kraft paper ♻"))));
        }
        if (dtc && r.nextDouble() < 0.6) {
            String[][] sources = {{"web", "Web shop"}, {"app", "iOS/Android app"}, {"instagram", "Instagram"},
                {"pos", "Butik – POS"}};
            String[] s = sources[r.nextInt(sources.length)];
            out.add(new SimAttribute("sales_channel", true, "Sales channel", "Order", List.of(
                    SimAttributeElement.choice("source", "Source", s[0], s[1]))));
        }
        if (r.nextDouble() < (dtc ? 0.2 : 0.7)) {
            String ext = r.nextDouble() < 0.1 ? null : "ERP-" + (900_000 + number);
            out.add(new SimAttribute("erp", false, "ERP", "Order", List.of(
                    SimAttributeElement.string("external_id", "External ID", ext))));
        }
        return List.copyOf(out);
    }

    private static String[] dtcCountry(SimCurrency c, SplittableRandom r) {
        return switch (c) {
            case SEK -> new String[]{"SE", "Sweden", "25", "1", "Sverige"};
            case EUR -> new String[][]{
                {"DE", "Germany", "19", "2", "Europe"}, {"FR", "France", "20", "2", "Europe"},
                {"FI", "Finland", "25.5", "2", "Europe"}, {"NL", "Netherlands", "21", "2", "Europe"},
                {"IT", "Italy", "22", "2", "Europe"}}[r.nextInt(5)];
            case USD -> new String[]{"US", "United States", "0", "3", "USA"};
            case GBP -> new String[]{"GB", "United Kingdom", "20", "4", "UK"};
            case DKK -> new String[]{"DK", "Denmark", "25", "5", "Nordics"};
            case NOK -> new String[]{"NO", "Norway", "25", "5", "Nordics"};
            case JPY -> new String[]{"JP", "Japan", "10", "6", "Japan 日本"};
        };
    }

    private static String[] wholesaleCountry(SimCurrency c, SplittableRandom r) {
        return switch (c) {
            case SEK -> new String[]{"SE", "Sweden"};
            case EUR -> new String[][]{{"DE", "Germany"}, {"FR", "France"}, {"CI", "Côte d'Ivoire"}}[r.nextInt(3)];
            case USD -> new String[]{"US", "United States"};
            default -> new String[]{"GB", "United Kingdom"};
        };
    }

    /** Mutable line while an order is being built and touched. */
    private static final class LineState {
        int id;
        String type;
        String productNumber;
        String productName;
        String size;
        int ordered;
        int cancelled;
        int returned;
        BigDecimal unitPrice;
        BigDecimal unitOriginal;
        double tax;
        double discount;
        SimProductSize productSize;

        int quantity() {
            return ordered - cancelled;
        }

        SimLine freeze(SimCurrency currency) {
            int q = quantity();
            return new SimLine(id, type, productNumber, productName, size, q, cancelled, Math.min(returned, q),
                    unitPrice, unitOriginal, currency.round(unitPrice.multiply(BigDecimal.valueOf(q))),
                    tax, discount, currency, productSize);
        }
    }
}
