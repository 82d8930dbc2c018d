package io.centrasync.bench;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The entities the routes declare (each {@code templatedRoute} of the {@code poll-entity} template),
 * read from the YAML without starting Camel, so the bench covers exactly what {@code sync} would.
 */
final class RouteEntities {

    private RouteEntities() {
    }

    static List<String> read(Path routesDir) throws IOException {
        List<String> entities = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(routesDir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        for (Path file : files) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            if (!(doc instanceof List<?> items)) {
                continue;
            }
            for (Object item : items) {
                if (item instanceof Map<?, ?> map && map.get("templatedRoute") instanceof Map<?, ?> route
                        && "poll-entity".equals(route.get("routeTemplateRef")) && route.get("parameters") instanceof List<?> params) {
                    for (Object param : params) {
                        if (param instanceof Map<?, ?> p && "entity".equals(p.get("name")) && p.get("value") != null) {
                            entities.add(p.get("value").toString());
                        }
                    }
                }
            }
        }
        return entities;
    }
}
