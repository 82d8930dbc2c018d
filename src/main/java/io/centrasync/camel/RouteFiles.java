package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Reads the route files offline, without starting anything: YAML syntax, the Camel DSL (unknown
 * keys and steps), placeholders, and which entities the templated routes declare.
 */
public final class RouteFiles {

    private RouteFiles() {
    }

    /** Camel's YAML errors carry the file and line in the message of some exception in the chain. */
    static String describe(Exception e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (best == null || t.getMessage().contains(".camel.yaml"))) {
                best = t.getMessage();
            }
        }
        return best == null ? e.getClass().getSimpleName() : best.replaceAll("\\s+", " ").trim();
    }

    /** Entities declared by poll-entity instances; throws {@link ConfigException} naming the file on any problem. */
    public static List<String> entities(Path routesDir, Properties properties) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(routesDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(routesDir + ": cannot list route files: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new ConfigException(routesDir + ": no *.camel.yaml route files");
        }
        CamelContext context = new DefaultCamelContext();
        try {
            CentraRoutes.nameEntityRoutes(context);
            context.getPropertiesComponent().setInitialProperties(properties);
            List<Resource> resources = new ArrayList<>();
            for (Path file : files) {
                resources.add(ResourceHelper.resolveMandatoryResource(context, "file:" + file));
            }
            try {
                // all files at once, as Camel Main does, so templates are known before their instances
                PluginHelper.getRoutesLoader(context).loadRoutes(resources.toArray(Resource[]::new));
            } catch (Exception e) {
                throw new ConfigException(describe(e));
            }
            return CentraRoutes.entities(context);
        } finally {
            context.stop();
        }
    }

}
