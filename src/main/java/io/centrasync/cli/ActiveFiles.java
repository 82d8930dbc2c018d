package io.centrasync.cli;

import io.centrasync.camel.CentraRoutes;
import io.centrasync.camel.RouteFiles;
import io.centrasync.camel.Settings;
import io.centrasync.camel.SettingsCheck;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingException;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.mapping.RateLimitsMapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings, routes and mappings as {@code validate} and {@code check} read them offline: every problem found on
 * the way (one line each, naming file and line), and what could be read.
 *
 * @param mappings   every mapping in the mappings folder
 * @param rateLimits the rate-limits mapping, null when it has problems
 * @param entities   the entities the routes run, in their order
 * @param problems   the settings', routes' and mappings' problems
 */
record ActiveFiles(Path mappingsDir, Path routesDir, List<EntityMapping> mappings, RateLimitsMapping rateLimits,
                   List<String> entities, List<String> problems) {

    static ActiveFiles read(Settings settings) {
        Path mappingsDir = Path.of(settings.get("mappings.dir"));
        Path routesDir = Path.of(settings.get("routes.dir"));
        List<String> problems = new ArrayList<>(SettingsCheck.problems(settings));
        List<EntityMapping> mappings = List.of();
        RateLimitsMapping rateLimits = null;
        if (!Files.isDirectory(mappingsDir)) {
            problems.add(mappingsDir + ": mappings folder does not exist (MAPPINGS_DIR)");
        } else {
            try {
                mappings = MappingLoader.loadAll(mappingsDir);
            } catch (MappingException e) {
                problems.addAll(e.problems());
            }
            try {
                rateLimits = RateLimitsMapping.load(mappingsDir);
            } catch (MappingException e) {
                problems.addAll(e.problems());
            }
        }
        List<String> entities = List.of();
        if (!Files.isDirectory(routesDir)) {
            problems.add(routesDir + ": routes folder does not exist (ROUTES_DIR)");
        } else {
            try {
                entities = RouteFiles.entities(routesDir, settings.asProperties());
            } catch (Exception e) {
                problems.add(e.getMessage());
            }
        }
        for (String entity : entities) {
            if (mappings.stream().noneMatch(m -> m.entity().equals(entity)) && !mappings.isEmpty()) {
                problems.add(routesDir + ": route " + CentraRoutes.routeId(entity) + " has no mapping " + mappingsDir.resolve(entity + ".yaml"));
            }
        }
        return new ActiveFiles(mappingsDir, routesDir, mappings, rateLimits, entities, problems);
    }

    /** The mappings of the entities the routes run, in the routes' order. */
    List<EntityMapping> active() {
        List<EntityMapping> out = new ArrayList<>();
        for (String entity : entities) {
            mappings.stream().filter(m -> m.entity().equals(entity)).findFirst().ifPresent(out::add);
        }
        return out;
    }
}
