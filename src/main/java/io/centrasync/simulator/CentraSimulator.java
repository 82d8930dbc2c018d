package io.centrasync.simulator;

import com.sun.net.httpserver.HttpServer;
import graphql.schema.GraphQLSchema;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated Centra Integration API on 127.0.0.1: {@code POST /graphql} with Bearer auth,
 * seeded data, keyset paging, complexity reporting, optional rate limits and fault injection.
 *
 * <pre>{@code
 * try (CentraSimulator sim = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(100))) {
 *     String url = sim.endpoint();        // http://127.0.0.1:PORT/graphql
 *     sim.store().touchOrders(5);         // test hooks
 *     sim.faults().failNext(1, 503);      // fault injection
 * }
 * }</pre>
 */
public final class CentraSimulator implements AutoCloseable {
    static {
        // Without TCP_NODELAY the JDK server's separate header/body writes meet the client's
        // delayed ACK: ~40 ms per request. Read once by the JDK, so set before the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorConfig config;
    private final SimStore store;
    private final FaultInjector faults = new FaultInjector();
    private final RateLimiter rateLimiter;
    private final SimulatorHttpHandler handler;
    private final HttpServer server;
    private final ExecutorService executor;

    private CentraSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.store = new SimStore(config);
        this.rateLimiter = new RateLimiter(config.rateLimits(), config.clock());
        GraphQLSchema schema = CentraSchema.build(store, b -> {
            new InventoryWiring(store).wire(b);
            new SupplierWiring(store).wire(b);
            new EventWiring(store.events()).wire(b);
            b.type("Query", t -> t.dataFetcher("rateLimits", env -> rateLimiter.snapshot()));
        });
        GraphQLEndpoint endpoint = new GraphQLEndpoint(schema, rateLimiter, config.withheld());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "centra-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 128);
        this.handler = new SimulatorHttpHandler(config.token(), endpoint, faults);
        server.createContext("/", handler);
        server.createContext("/admin/", new AdminHttpHandler(config.token(), store, rateLimiter, faults,
                () -> Map.of("total", handler.requests(), "mostAtOnce", (long) handler.maxInFlight())));
        server.setExecutor(executor);
        server.start();
    }

    /** Generates the data and starts serving; port 0 picks a free port. */
    public static CentraSimulator start(SimulatorConfig config) {
        try {
            return new CentraSimulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Centra simulator on port " + config.port(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT/graphql}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port() + "/graphql";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return config.token();
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Data and test hooks. */
    public SimStore store() {
        return store;
    }

    /** Fault injection for the next requests. */
    public FaultInjector faults() {
        return faults;
    }

    /** {@code POST /graphql} requests received so far, authorised or not (faults and 429s included). */
    public long requests() {
        return handler.requests();
    }

    /** The most queries that were being executed at the same time (fetching ahead must not raise it above one per run). */
    public int maxConcurrentRequests() {
        return handler.maxInFlight();
    }

    /** Requests the rate limiter refused with 429 so far (injected 429 faults not included). */
    public long rateLimited() {
        return rateLimiter.refused();
    }

    /**
     * Another integration on the same store (Centra's buckets are shared) spends this many requests
     * and complexity points now; the next {@code rateLimits} answer shows less remaining.
     */
    public void spendBudget(int requests, long complexity) {
        rateLimiter.spend(requests, complexity);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CLI entry: {@code --port 8099 --orders 10000 --token T [--seed 42]}; see {@link SimulatorCli}. */
    public static void main(String[] args) {
        int rc = runCli(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /**
     * Runs the simulator until SIGTERM / Ctrl-C. Prints one line with the endpoint when ready.
     *
     * @return 0 after a clean stop, 2 on bad usage (with a one-line message on stderr)
     */
    public static int runCli(String[] args) {
        return runCli(args, System.out, System.err, null);
    }

    /** As {@link #runCli(String[])}; returns when {@code stop} counts down (null = wait for shutdown). */
    static int runCli(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) {
        SimulatorConfig config;
        try {
            config = SimulatorCli.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("simulator: " + e.getMessage() + ". " + SimulatorCli.USAGE);
            return 2;
        }
        if (config == null) {
            out.println(SimulatorCli.USAGE);
            return 0;
        }
        CentraSimulator sim;
        try {
            sim = start(config);
        } catch (UncheckedIOException e) {
            err.println("simulator: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        CountDownLatch latch = stop != null ? stop : new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            latch.countDown();
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "centra-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Centra simulator ready: " + sim.endpoint() + " (orders=" + config.orders() + ", seed=" + config.seed() + ")");
        out.flush();
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sim.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // JVM is already shutting down
            }
        }
        return 0;
    }
}
