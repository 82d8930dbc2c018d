package io.centrasync.example.springboot;

import ch.qos.logback.classic.LoggerContext;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistrar;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application against the Centra simulator on a free loopback port: centra-sync fills the application's own
 * database, while the CamelContext, its other route and the logging stay the application's.
 */
@CamelSpringBootTest
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:host-test;DB_CLOSE_DELAY=-1",
        "host.report-period=500",
        "centra.rate.read-limits=false",
        "schedule.orders=0/1 * * * * ?",
        "schedule.inventory=0 0 0 1 1 ? 2099",
        "schedule.purchase_orders=0 0 0 1 1 ? 2099",
        "schedule.purchase_order_deliveries=0 0 0 1 1 ? 2099"})
class HostApplicationTest {

    private static final String TOKEN = "spring-host-token";
    private static final int ORDERS = 80;

    @TestConfiguration
    static class Centra {
        @Bean
        CentraSimulator simulator() {
            return CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(ORDERS).withToken(TOKEN));
        }

        @Bean
        DynamicPropertyRegistrar centraProperties(CentraSimulator simulator) {
            return registry -> {
                registry.add("centra.endpoint", simulator::endpoint);
                registry.add("centra.token", () -> TOKEN);
            };
        }
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void centraSyncFillsTheApplicationsDatabaseAndTheRestStaysTheApplications() {
        NotifyBuilder allOrdersReported = new NotifyBuilder(camelContext).fromRoute("orders-report")
                .whenAnyDoneMatches(exchange -> Long.valueOf(ORDERS).equals(exchange.getMessage().getBody())).create();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class), count -> count == ORDERS);
        assertThat(allOrdersReported.matches(10, TimeUnit.SECONDS)).as("the application's own route reports them").isTrue();

        assertThat(camelContext.getName()).isEqualTo("spring-boot-host");
        assertThat(camelContext.getRoute("centra-orders")).isNotNull();
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    }
}
