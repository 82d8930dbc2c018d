package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Our routes in a CamelContext: where they are loaded from, and which entities they sync. An entity is named once,
 * by the {@code entity} parameter of its poll-entity instance; its route id ({@code centra-<entity>}) and everything
 * else derive from it here.
 */
public final class CentraRoutes {

    /** Route group of the routes made from the poll-entity template. */
    public static final String GROUP = "centra-sync";
    /** The template parameter that names an entity. */
    static final String ENTITY = "entity";
    /** The routes shipped in the jar (copied from the top-level {@code routes/} folder). */
    static final String CLASSPATH = "classpath:centra-sync/routes/*.camel.yaml";
    /** The Quartz group of the entity jobs ({@code centra-quartz:centra-sync/<entity>} in poll-entity.camel.yaml). */
    static final String QUARTZ_GROUP = "centra-sync";
    /** The default of routes.dir: used when it exists, else the routes in the jar. */
    static final String DEFAULT_DIR = "routes";

    private CentraRoutes() {
    }

    /** The route id of an entity's route. */
    public static String routeId(String entity) {
        return "centra-" + entity;
    }

    /**
     * Loads our routes from {@code routes.dir}, or from the jar when it is empty (or left at its default and absent),
     * all files at once (templates before their instances). Entity routes get their ids from their entity.
     */
    static void load(CamelContext context, Settings settings) throws Exception {
        nameEntityRoutes(context);
        String dir = settings.get("routes.dir", "");
        Collection<Resource> resources;
        if (dir.isEmpty() || (dir.equals(DEFAULT_DIR) && !Files.isDirectory(Path.of(dir)))) {
            resources = PluginHelper.getPackageScanResourceResolver(context).findResources(CLASSPATH);
        } else if (Files.isDirectory(Path.of(dir))) {
            resources = PluginHelper.getPackageScanResourceResolver(context).findResources("file:" + dir.replace('\\', '/') + "/*.camel.yaml");
        } else {
            throw new ConfigException("routes.dir: folder '" + dir + "' does not exist (run from the project folder or set ROUTES_DIR)");
        }
        if (resources.isEmpty()) {
            throw new ConfigException("no routes were loaded from " + (dir.isEmpty() ? CLASSPATH : dir));
        }
        try {
            PluginHelper.getRoutesLoader(context).loadRoutes(resources.toArray(Resource[]::new));
        } catch (Exception e) {
            throw new ConfigException("cannot load the routes: " + RouteFiles.describe(e));
        }
    }

    /** A poll-entity instance without a routeId of its own gets {@code centra-<entity>}, before Camel makes one up. */
    static void nameEntityRoutes(CamelContext context) {
        context.getCamelContextExtension().getContextPlugin(ModelCamelContext.class).addModelLifecycleStrategy(new ModelLifecycleStrategy() {
            @Override
            public void onAddRouteDefinition(RouteDefinition definition) {
                Object entity = entityOf(definition);
                if (entity != null && !definition.hasCustomIdAssigned()) {
                    definition.setId(routeId(entity.toString()));
                }
            }

            @Override
            public void onRemoveRouteDefinition(RouteDefinition definition) {
                // nothing to undo
            }

            @Override
            public void onAddRouteTemplateDefinition(RouteTemplateDefinition definition) {
                // templates keep their ids
            }

            @Override
            public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition definition) {
                // nothing to undo
            }
        });
    }

    /** The entities of the context's poll-entity instances, in route order. */
    public static List<String> entities(CamelContext context) {
        List<String> entities = new ArrayList<>();
        for (RouteDefinition definition : definitions(context)) {
            Object entity = entityOf(definition);
            if (entity != null) {
                entities.add(entity.toString());
            }
        }
        return entities;
    }

    /** The route of an entity, or null. */
    static Route route(CamelContext context, String entity) {
        for (RouteDefinition definition : definitions(context)) {
            if (entity.equals(String.valueOf(entityOf(definition)))) {
                return context.getRoute(definition.getRouteId());
            }
        }
        return null;
    }

    private static List<RouteDefinition> definitions(CamelContext context) {
        return context.getCamelContextExtension().getContextPlugin(ModelCamelContext.class).getRouteDefinitions();
    }

    /** The entity a route was made for from our template, or null for any other route. */
    private static Object entityOf(RouteDefinition definition) {
        if (!GROUP.equals(definition.getGroup()) || definition.getTemplateParameters() == null) {
            return null;
        }
        return definition.getTemplateParameters().get(ENTITY);
    }
}
