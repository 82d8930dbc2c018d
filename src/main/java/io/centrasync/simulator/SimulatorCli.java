package io.centrasync.simulator;

/** Parses the simulator's command line into a {@link SimulatorConfig}. */
final class SimulatorCli {
    static final String USAGE = "Usage: simulator [--port 8099] [--orders 1000] [--token centra-sim-token] [--seed 42]"
            + " [--product-sizes 200] [--warehouses 4] [--purchase-orders 100] [--anchor 2025-01-01T00:00:00Z]"
            + " [--rate-limit none|growth] [--retry-after seconds|http-date|epoch] [--withhold PERMISSION[,PERMISSION...]]";

    private SimulatorCli() {
    }

    /**
     * @return the configuration, or null when help was requested
     * @throws IllegalArgumentException on bad usage (message is one line)
     */
    static SimulatorConfig parse(String[] args) {
        SimulatorConfig c = SimulatorConfig.defaults();
        RateLimitConfig limits = RateLimitConfig.UNLIMITED;
        RetryAfterFormat retry = RetryAfterFormat.DELTA_SECONDS;
        java.util.Set<String> withheld = new java.util.TreeSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                value = args[++i];
            }
            switch (name) {
                case "--port" -> c = c.withPort(intArg(name, value, 0, 65535));
                case "--orders" -> c = c.withOrders(intArg(name, value, 0, 50_000_000));
                case "--token" -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--token must not be blank");
                    }
                    c = c.withToken(value);
                }
                case "--seed" -> {
                    try {
                        c = c.withSeed(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed must be an integer, got '" + value + "'");
                    }
                }
                case "--product-sizes" -> c = c.withProductSizes(intArg(name, value, 1, 10_000_000));
                case "--warehouses" -> c = c.withWarehouses(intArg(name, value, 1, 6));
                case "--purchase-orders" -> c = c.withPurchaseOrders(intArg(name, value, 0, 1_000_000));
                case "--threads" -> c = c.withThreads(intArg(name, value, 1, 256));
                case "--anchor" -> {
                    try {
                        c = c.withAnchor(CentraTime.parse(value));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--anchor must be a date/time, got '" + value + "'");
                    }
                }
                case "--rate-limit" -> limits = switch (value) {
                    case "none" -> RateLimitConfig.UNLIMITED;
                    case "growth" -> RateLimitConfig.GROWTH;
                    default -> throw new IllegalArgumentException("--rate-limit must be none or growth");
                };
                case "--retry-after" -> retry = switch (value) {
                    case "seconds" -> RetryAfterFormat.DELTA_SECONDS;
                    case "http-date" -> RetryAfterFormat.HTTP_DATE;
                    case "epoch" -> RetryAfterFormat.EPOCH_SECONDS;
                    default -> throw new IllegalArgumentException("--retry-after must be seconds, http-date or epoch");
                };
                case "--withhold" -> {
                    for (String permission : value.split(",")) {
                        if (!permission.strip().matches("[A-Za-z]+(\\.[A-Za-z]+)?:read")) {
                            throw new IllegalArgumentException("--withhold takes Centra permissions such as Order.attributes:read, got '"
                                    + permission.strip() + "'");
                        }
                        withheld.add(permission.strip());
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return c.withRateLimits(limits.withRetryAfterFormat(retry)).withWithheld(withheld);
    }

    private static int intArg(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be in range " + min + "-" + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }
}
