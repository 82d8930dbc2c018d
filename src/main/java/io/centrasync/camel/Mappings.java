package io.centrasync.camel;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingException;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The mappings of {@code mappings.dir}, by entity. */
final class Mappings {

    private Mappings() {
    }

    /** Loaded and validated; a problem is a {@link ConfigException} naming file and line. */
    static Map<String, EntityMapping> load(Settings settings) {
        String dir = settings.get("mappings.dir");
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new ConfigException("mappings.dir: folder '" + dir + "' does not exist (run from the project folder or set MAPPINGS_DIR)");
        }
        try {
            Map<String, EntityMapping> byEntity = new LinkedHashMap<>();
            for (EntityMapping m : MappingLoader.loadAll(path)) {
                byEntity.put(m.entity(), m);
            }
            return byEntity;
        } catch (MappingException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
