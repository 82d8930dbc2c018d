package io.centrasync.it;

import io.centrasync.mapping.MappingLoader;

import java.nio.file.Path;

/** Facts of the shipped default mapping that tests size their fixtures by. */
final class DefaultMapping {

    private DefaultMapping() {
    }

    /** Orders per page ({@code paging.size} of mappings/default/orders.yaml). */
    static int pageSize() {
        try {
            return MappingLoader.load(Path.of("mappings/default/orders.yaml")).paging().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
