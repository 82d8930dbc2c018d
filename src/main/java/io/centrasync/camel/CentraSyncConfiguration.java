package io.centrasync.camel;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The connector in a Camel application of your own. Camel Main: {@code camel.main.configuration-classes =
 * io.centrasync.camel.CentraSyncConfiguration}; any other CamelContext: {@code new CentraSyncConfiguration()
 * .configure(context)} before it starts.
 *
 * <p>It reads our settings through the context's own property resolution ({@link HostSettings}), writes to the
 * DataSource named by {@code sink.data-source} (else a pool of its own on {@code sink.jdbc-url}), binds its beans
 * under {@code centra*} names with a Quartz component of its own, and loads its routes from the jar (or
 * {@code routes.dir}). It sets nothing global: no context name, error handler, component option or logging.
 */
public class CentraSyncConfiguration implements CamelConfiguration {

    private final Connector given;

    public CentraSyncConfiguration() {
        this(null);
    }

    /** The standalone application's: settings, token and database already decided. */
    CentraSyncConfiguration(Connector connector) {
        this.given = connector;
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        Connector connector = given;
        if (connector == null) {
            Settings settings = HostSettings.read(camelContext);
            connector = Connector.open(settings, HostSettings.token(camelContext), true, HostSettings.dataSource(camelContext, settings));
        }
        connector.bindTo(camelContext);
    }
}
