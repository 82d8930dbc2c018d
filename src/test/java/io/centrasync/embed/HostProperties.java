package io.centrasync.embed;

import java.util.Properties;

/** What a host application sets for our connector in these tests: the simulator, the default mappings, orders every second. */
final class HostProperties {

    private static final String NEVER = "0 0 0 1 1 ? 2099";

    private HostProperties() {
    }

    static Properties forSimulator(String endpoint, String token) {
        Properties p = new Properties();
        p.setProperty("centra.endpoint", endpoint);
        p.setProperty("centra.token", token);
        p.setProperty("centra.rate.read-limits", "false");
        p.setProperty("mappings.dir", "mappings/default");
        p.setProperty("schedule.orders", "0/1 * * * * ?");
        p.setProperty("schedule.inventory", NEVER);
        p.setProperty("schedule.purchase_orders", NEVER);
        p.setProperty("schedule.purchase_order_deliveries", NEVER);
        return p;
    }
}
