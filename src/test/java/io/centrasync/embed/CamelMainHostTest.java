package io.centrasync.embed;

import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Camel Main application configured by properties alone: its name, its DataSource bean, its own YAML route, and
 * our configuration class. Our routes sync into its DataSource; its route and name stay its own.
 */
class CamelMainHostTest {

    private static final String TOKEN = "main-host-token-2c7e";

    @Test
    void propertiesAloneAddTheConnectorToACamelMainApplication(@TempDir Path dir) throws Exception {
        Path hostRoutes = Files.writeString(dir.resolve("host.camel.yaml"), """
                - route:
                    id: host-heartbeat
                    from:
                      uri: timer:host-heartbeat?period=100
                      steps:
                        - setBody:
                            simple: "${camelId}"
                        - to: mock:host-heartbeat
                """);
        try (CentraSimulator centra = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(80).withToken(TOKEN))) {
            Properties p = HostProperties.forSimulator(centra.endpoint(), TOKEN);
            p.setProperty("camel.main.name", "acme-esb");
            p.setProperty("camel.main.configuration-classes", "io.centrasync.camel.CentraSyncConfiguration");
            p.setProperty("camel.main.routes-include-pattern", "file:" + hostRoutes.toString().replace('\\', '/'));
            p.setProperty("camel.beans.acmeDb", "#class:org.h2.jdbcx.JdbcDataSource");
            p.setProperty("camel.beans.acmeDb.URL", "jdbc:h2:mem:main-host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            p.setProperty("camel.beans.acmeDb.user", "sa");
            p.setProperty("sink.data-source", "acmeDb");

            Main main = new Main();
            main.setInitialProperties(p);
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                NotifyBuilder ordersRun = new NotifyBuilder(context).fromRoute("centra-orders").whenCompleted(1).create();
                NotifyBuilder heartbeats = new NotifyBuilder(context).fromRoute("host-heartbeat").whenCompleted(3).create();
                assertTrue(ordersRun.matches(30, TimeUnit.SECONDS), "an orders run completed");
                assertTrue(heartbeats.matches(10, TimeUnit.SECONDS), "the host's own route runs");
                assertEquals("acme-esb", context.getName());
                DataSource db = context.getRegistry().lookupByNameAndType("acmeDb", DataSource.class);
                try (Connection c = db.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                    rs.next();
                    assertEquals(80, rs.getLong(1));
                }
            } finally {
                main.stop();
            }
        }
    }
}
