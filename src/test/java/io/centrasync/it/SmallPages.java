package io.centrasync.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the default mappings whose orders come in small pages, so a backfill has many pages to crash in. */
public final class SmallPages {

    private SmallPages() {
    }

    public static Path ordersMapping(Path dir, int pageSize) throws IOException {
        Path mappings = Files.createDirectories(dir.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("mappings/default"))) {
            for (Path f : files.toList()) {
                Files.copy(f, mappings.resolve(f.getFileName()));
            }
        }
        Path orders = mappings.resolve("orders.yaml");
        String yaml = Files.readString(orders);
        String changed = yaml.replaceFirst("(?m)^    size: \\d+", "    size: " + pageSize);
        if (changed.equals(yaml) && !yaml.contains("    size: " + pageSize + "\n")) {
            throw new IllegalStateException("mappings/default/orders.yaml has no 'size:' under source.paging; update this test helper");
        }
        Files.writeString(orders, changed);
        return mappings;
    }
}
