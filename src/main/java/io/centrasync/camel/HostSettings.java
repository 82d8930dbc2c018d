package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;

import java.util.Properties;
import javax.sql.DataSource;

/**
 * Our settings inside a host's CamelContext: each of our keys as the host's properties resolve it (its files, its
 * environment), else our default. The runnable jar's own Camel settings ({@code camel.*}) are never applied to a
 * host. Our routes' placeholders ({@code {{centra.retries}}}) resolve to the same values; a schedule the host does not
 * set is the route template's default (every 15 minutes).
 */
final class HostSettings {

    /** The key naming a DataSource in the host's registry. */
    static final String DATA_SOURCE = "sink.data-source";
    /** The only keys our defaults answer for in the host's property resolution. */
    private static final String NAMESPACE = "centra.";
    /** Where our routes come from in a host: the jar, unless the host names a folder. */
    private static final String ROUTES_DIR = "routes.dir";

    private HostSettings() {
    }

    static Settings read(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Properties defaults = Settings.defaults();
        Properties ours = new Properties();
        for (String key : defaults.stringPropertyNames()) {
            if (!key.startsWith("camel.") && key.contains(".")) {
                String fallback = ROUTES_DIR.equals(key) ? "" : defaults.getProperty(key);
                ours.setProperty(key, properties.resolveProperty(key).orElse(fallback));
            }
        }
        properties.resolveProperty(DATA_SOURCE).ifPresent(name -> ours.setProperty(DATA_SOURCE, name));
        properties.addPropertiesSource(new Defaults(ours));
        return Settings.of(ours);
    }

    /** {@code centra.token} as the host resolves it (e.g. {@code {{env:MY_TOKEN}}}), else CENTRA_TOKEN or CENTRA_TOKEN_FILE. */
    static String token(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty("centra.token").filter(t -> !t.isBlank())
                .orElseGet(() -> TokenSource.resolve(System.getenv()));
    }

    /** The host's DataSource named by {@code sink.data-source} ({@code name} or {@code #name}), or null for a pool of our own. */
    static DataSource dataSource(CamelContext context, Settings settings) {
        String name = settings.get(DATA_SOURCE, "");
        if (name.isEmpty()) {
            return null;
        }
        String bean = name.startsWith("#") ? name.substring(1) : name;
        DataSource dataSource = context.getRegistry().lookupByNameAndType(bean, DataSource.class);
        if (dataSource == null) {
            throw new ConfigException("setting " + Settings.describe(DATA_SOURCE) + " names '" + bean
                    + "', but the registry holds no DataSource of that name");
        }
        return dataSource;
    }

    /**
     * Our {@code centra.*} settings for the routes' placeholders ({@code {{centra.endpoint}}}, {@code {{centra.retries}}}),
     * after every source of the host's own; any other key (the host's {@code sink.*} or {@code schedule.*}, say) it
     * never answers, so a placeholder of the host's own resolves exactly as without us.
     */
    private record Defaults(Properties values) implements PropertiesSource, Ordered {
        @Override
        public String getName() {
            return "centra-sync";
        }

        @Override
        public String getProperty(String name) {
            return name.startsWith(NAMESPACE) ? values.getProperty(name) : null;
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }
}
