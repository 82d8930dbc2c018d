package io.centrasync.it;

import io.centrasync.mapping.MappingLoader;

import java.nio.file.Path;

/** Facts of the shipped default mapping that tests size their fixtures by. */
final class DefaultMapping {

    private DefaultMapping() {
    }

    /** Orders per page ({@code paging.size} of mappings/default/orders.yaml). */
    static int pageSize() {
        return pageSize("orders");
    }

    /** Records per page of an entity ({@code paging.size} of mappings/default/ENTITY.yaml). */
    static int pageSize(String entity) {
        try {
            return MappingLoader.load(Path.of("mappings/default/" + entity + ".yaml")).paging().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
