package io.centrasync.embed;

import io.centrasync.camel.CentraSyncConfiguration;
import io.centrasync.simulator.CentraSimulator;
import io.centrasync.simulator.SimulatorConfig;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.UUID;

/**
 * The poll-entity template in Camel's own test kit: one orders run pages through Centra page by page, each page
 * written by the write-page step, in a Camel Main context of the test's with our configuration class.
 */
class PollEntityTemplateTest extends CamelMainTestSupport {

    private static CentraSimulator centra;

    @BeforeAll
    static void startCentra() {
        centra = CentraSimulator.start(SimulatorConfig.defaults().withPort(0).withOrders(450).withToken("template-test-token"));
    }

    @AfterAll
    static void stopCentra() {
        centra.close();
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withConfigurations(CentraSyncConfiguration.class);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("centra.endpoint", centra.endpoint());
        p.setProperty("centra.token", "template-test-token");
        p.setProperty("centra.rate.read-limits", "false");
        p.setProperty("centra.prefetch", "false"); // one write per page, so the pages can be counted
        p.setProperty("mappings.dir", "mappings/default");
        p.setProperty("sink.jdbc-url", "jdbc:h2:mem:template-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return p;
    }

    @Test
    void anOrdersRunWritesEveryPageOnce() throws Exception {
        AdviceWith.adviceWith(context, "centra-orders", a -> {
            a.replaceFromWith("direct:orders");
            a.weaveById("write-page").after().to("mock:pages");
        });
        context.start();
        MockEndpoint pages = getMockEndpoint("mock:pages");
        pages.expectedMessageCount(3); // 450 orders in pages of 200
        template.sendBody("direct:orders", null);
        pages.assertIsSatisfied();
    }
}
