package io.centrasync.mapping;

import java.util.List;

/**
 * A mapping (or its query) is invalid. {@link #getMessage()} has one line per problem, each
 * {@code path/to/file.yaml:12: what is wrong}.
 */
public class MappingException extends Exception {
    private final List<String> problems;

    public MappingException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each as {@code file:line: message}, ordered by file and line. */
    public List<String> problems() {
        return problems;
    }
}
