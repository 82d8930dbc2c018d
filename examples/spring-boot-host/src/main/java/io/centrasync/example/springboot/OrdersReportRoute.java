package io.centrasync.example.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The application's own route: now and then, how many orders centra-sync has brought into its database. */
@Component
public class OrdersReportRoute extends RouteBuilder {

    private final JdbcTemplate jdbc;

    public OrdersReportRoute(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void configure() {
        from("timer:orders-report?period={{host.report-period}}").routeId("orders-report")
                .setBody(exchange -> jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class))
                .log("orders in the database: ${body}");
    }
}
