package io.centrasync.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the default mappings whose orders (or another entity) come in small pages, so a run has many pages. */
public final class SmallPages {

    private SmallPages() {
    }

    public static Path ordersMapping(Path dir, int pageSize) throws IOException {
        return mapping(dir, "orders", pageSize);
    }

    /** The default mappings with {@code entity}'s {@code source.paging.size} set to {@code pageSize}. */
    public static Path mapping(Path dir, String entity, int pageSize) throws IOException {
        Path mappings = Files.createDirectories(dir.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("mappings/default"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mappings.resolve(f.getFileName()));
            }
        }
        Path file = mappings.resolve(entity + ".yaml");
        String yaml = Files.readString(file);
        String changed = yaml.replaceFirst("(?m)^    size: \\d+", "    size: " + pageSize);
        if (changed.equals(yaml) && !yaml.contains("    size: " + pageSize + "\n")) {
            throw new IllegalStateException("mappings/default/" + entity + ".yaml has no 'size:' under source.paging; update this test helper");
        }
        Files.writeString(file, changed);
        return mappings;
    }
}
