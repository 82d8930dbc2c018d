package io.centrasync.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Settings of one simulator instance. Start from {@link #defaults()} and adjust with the
 * {@code with...} methods.
 *
 * @param port           TCP port on 127.0.0.1; 0 picks a free port
 * @param seed           seed of all generated data
 * @param orders         orders generated at start
 * @param token          the only accepted Bearer token
 * @param productSizes   product sizes in the catalogue (stock rows ≈ warehouses × sizes)
 * @param warehouses     number of warehouses (1-6)
 * @param purchaseOrders purchase orders generated at start
 * @param anchor         latest generated timestamp; data spans the two years before it.
 *                       Null means "now at start". Same seed + same anchor = same data.
 * @param clock          source of "now" for test hooks (touch/add) and rate limiting
 * @param threads        HTTP worker threads
 * @param rateLimits     token-bucket quotas
 * @param withheld       permissions the token lacks ({@code Order.attributes:read}): a field that needs one
 *                       answers null with an {@code errors[]} entry of category {@code authorization}, as Centra does
 */
public record SimulatorConfig(int port, long seed, int orders, String token, int productSizes, int warehouses,
                              int purchaseOrders, Instant anchor, Clock clock, int threads, RateLimitConfig rateLimits,
                              Set<String> withheld) {

    public static final int DEFAULT_PORT = 8099;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_ORDERS = 1000;
    public static final String DEFAULT_TOKEN = "centra-sim-token";

    public SimulatorConfig {
        if (orders < 0 || productSizes < 1 || purchaseOrders < 0 || threads < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
        if (warehouses < 1 || warehouses > 6) {
            throw new IllegalArgumentException("warehouses must be 1-6");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        withheld = Set.copyOf(withheld);
    }

    /** Port 8099, seed 42, 1000 orders, token {@code centra-sim-token}, 200 sizes, 4 warehouses, 100 POs, no rate limits. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(DEFAULT_PORT, DEFAULT_SEED, DEFAULT_ORDERS, DEFAULT_TOKEN, 200, 4, 100, null,
                Clock.systemUTC(), 8, RateLimitConfig.UNLIMITED, Set.of());
    }

    public SimulatorConfig withPort(int v) {
        return new SimulatorConfig(v, seed, orders, token, productSizes, warehouses, purchaseOrders, anchor, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withSeed(long v) {
        return new SimulatorConfig(port, v, orders, token, productSizes, warehouses, purchaseOrders, anchor, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withOrders(int v) {
        return new SimulatorConfig(port, seed, v, token, productSizes, warehouses, purchaseOrders, anchor, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withToken(String v) {
        return new SimulatorConfig(port, seed, orders, v, productSizes, warehouses, purchaseOrders, anchor, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withProductSizes(int v) {
        return new SimulatorConfig(port, seed, orders, token, v, warehouses, purchaseOrders, anchor, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withWarehouses(int v) {
        return new SimulatorConfig(port, seed, orders, token, productSizes, v, purchaseOrders, anchor, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withPurchaseOrders(int v) {
        return new SimulatorConfig(port, seed, orders, token, productSizes, warehouses, v, anchor, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withAnchor(Instant v) {
        return new SimulatorConfig(port, seed, orders, token, productSizes, warehouses, purchaseOrders, v, clock, threads, rateLimits, withheld);
    }

    public SimulatorConfig withClock(Clock v) {
        return new SimulatorConfig(port, seed, orders, token, productSizes, warehouses, purchaseOrders, anchor, v, threads, rateLimits, withheld);
    }

    public SimulatorConfig withThreads(int v) {
        return new SimulatorConfig(port, seed, orders, token, productSizes, warehouses, purchaseOrders, anchor, clock, v, rateLimits, withheld);
    }

    public SimulatorConfig withRateLimits(RateLimitConfig v) {
        return new SimulatorConfig(port, seed, orders, token, productSizes, warehouses, purchaseOrders, anchor, clock, threads, v, withheld);
    }

    public SimulatorConfig withWithheld(Set<String> v) {
        return new SimulatorConfig(port, seed, orders, token, productSizes, warehouses, purchaseOrders, anchor, clock, threads, rateLimits, v);
    }
}
