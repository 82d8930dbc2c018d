package io.centrasync.simulator;

import java.util.List;

/** A custom attribute on an order ({@code MappedAttribute} when {@code mapped}, else {@code DynamicAttribute}). */
public record SimAttribute(String typeName, boolean mapped, String description, String objectType,
                           List<SimAttributeElement> elements) {
    public String typename() {
        return mapped ? "MappedAttribute" : "DynamicAttribute";
    }

    /** The element with this key, or null. */
    public SimAttributeElement element(String key) {
        return elements.stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
    }
}
