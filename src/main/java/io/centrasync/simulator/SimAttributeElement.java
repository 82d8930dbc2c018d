package io.centrasync.simulator;

/**
 * One element of a custom attribute: a string element ({@code choice == false}, {@link #value()})
 * or a choice element ({@link #selectedValue()}, {@link #selectedValueName()}). Values may be null.
 */
public record SimAttributeElement(String key, String description, String kind, boolean choice, boolean isMulti,
                                  String value, String selectedValue, String selectedValueName) {
    static SimAttributeElement string(String key, String description, String value) {
        return new SimAttributeElement(key, description, "INPUT", false, false, value, null, null);
    }

    static SimAttributeElement choice(String key, String description, String selectedValue, String selectedValueName) {
        return new SimAttributeElement(key, description, "SELECT", true, false, null, selectedValue, selectedValueName);
    }

    /** GraphQL type name: {@code AttributeChoiceElement} or {@code AttributeStringElement}. */
    public String typename() {
        return choice ? "AttributeChoiceElement" : "AttributeStringElement";
    }
}
