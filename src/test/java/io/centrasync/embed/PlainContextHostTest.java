package io.centrasync.embed;

import com.sun.net.httpserver.HttpServer;
import io.centrasync.camel.CentraSyncConfiguration;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.ErrorHandlerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our routes inside a plain DefaultCamelContext that is someone else's: its own name, DataSource, timer route with
 * its own error handler, Quartz route and GraphQL call to another service. Configured only through the host's
 * properties and {@link CentraSyncConfiguration}; the host's routes behave exactly as without us.
 */
class PlainContextHostTest {

    private static final String TOKEN = "host-test-token-93b1";

    @Test
    void ourRoutesSyncIntoTheHostsDataSourceAndTheHostsRoutesStayTheirs() throws Exception {
        List<String> authorizationSeen = new CopyOnWriteArrayList<>();
        HttpServer otherService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherService.createContext("/graphql", exchange -> {
            authorizationSeen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"data\":{\"hello\":\"world\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        otherService.start();
        JdbcDataSource hostDb = new JdbcDataSource();
        hostDb.setURL("jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        hostDb.setUser("sa");
        try (CentraSimulator centra = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(120).withToken(TOKEN))) {
            CamelContext host = new DefaultCamelContext();
            host.getCamelContextExtension().setName("host-esb");
            host.getRegistry().bind("hostDb", hostDb);
            Properties p = HostProperties.forSimulator(centra.endpoint(), TOKEN);
            p.setProperty("sink.data-source", "hostDb");
            p.setProperty("other.endpoint", "http://127.0.0.1:" + otherService.getAddress().getPort() + "/graphql");
            host.getPropertiesComponent().setInitialProperties(p);
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:host-timer?period=200").routeId("host-timer")
                            .errorHandler(deadLetterChannel("mock:host-dead").maximumRedeliveries(0))
                            .process(e -> {
                                throw new IllegalStateException("the host's own failure");
                            });
                    from("quartz:host/tick?cron=0/1+*+*+*+*+?").routeId("host-quartz").to("mock:host-ticks");
                    from("direct:host-graphql").routeId("host-graphql").to("graphql:{{other.endpoint}}?query={ hello }");
                }
            });
            ErrorHandlerFactory hostErrorHandler = host.getCamelContextExtension().getErrorHandlerFactory();

            new CentraSyncConfiguration().configure(host);
            host.start();
            try {
                await(() -> count(hostDb, "SELECT COUNT(*) FROM orders") == 120, "the orders synced into the host's DataSource");
                MockEndpoint ticks = host.getEndpoint("mock:host-ticks", MockEndpoint.class);
                await(() -> ticks.getReceivedCounter() >= 2, "the host's Quartz route fires");
                MockEndpoint dead = host.getEndpoint("mock:host-dead", MockEndpoint.class);
                await(() -> dead.getReceivedCounter() >= 1, "the host's failures reach the host's dead letter channel");
                assertTrue(dead.getReceivedExchanges().get(0).getProperty("CamelExceptionCaught", Exception.class).getMessage()
                        .contains("the host's own failure"));
                String answer = host.createProducerTemplate().requestBody("direct:host-graphql", null, String.class);
                assertTrue(answer.contains("world"), answer);
                assertTrue(authorizationSeen.stream().noneMatch(a -> a.contains(TOKEN)), "the token went elsewhere: " + authorizationSeen);

                assertEquals("host-esb", host.getName());
                assertSame(hostErrorHandler, host.getCamelContextExtension().getErrorHandlerFactory());
                QuartzComponent theirs = host.getComponent("quartz", QuartzComponent.class);
                QuartzComponent ours = host.getComponent("centra-quartz", QuartzComponent.class);
                assertNotSame(theirs.getScheduler(), ours.getScheduler());
                assertEquals(List.of("centra-orders", "centra-inventory", "centra-purchase_orders", "centra-purchase_order_deliveries"),
                        host.getRoutes().stream().map(r -> r.getRouteId()).filter(id -> id.startsWith("centra-") && !id.equals("centra-fetch-page")).toList());

                // the host stops and starts our route: its next run still makes progress
                host.getRouteController().stopRoute("centra-orders");
                centra.store().touchOrders(5);
                centra.store().addOrders(3);
                host.getRouteController().startRoute("centra-orders");
                await(() -> count(hostDb, "SELECT COUNT(*) FROM orders") == 123, "the restarted route syncs the new orders");
                long beforeStop = ticks.getReceivedCounter();
                await(() -> ticks.getReceivedCounter() > beforeStop, "the host's Quartz route fires on");
            } finally {
                host.stop();
            }
            assertEquals(123, count(hostDb, "SELECT COUNT(*) FROM orders"), "the host's DataSource stays open after we stop");
        } finally {
            otherService.stop(0);
        }
    }

    private static long count(JdbcDataSource db, String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1; // the table is not there yet
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
