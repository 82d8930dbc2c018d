package io.centrasync.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects {@code file:line: message} problems so that a load reports all of them at once. */
final class Problems {
    private record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    private final List<Problem> list = new ArrayList<>();

    void add(Path file, int line, String message) {
        list.add(new Problem(file.toString(), Math.max(line, 1), message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    void addAll(Problems other) {
        list.addAll(other.list);
    }

    /** Problems ordered by file, then line (stable: same line keeps discovery order). */
    List<String> sorted() {
        return list.stream()
                .sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line))
                .map(Problem::toString)
                .toList();
    }

    void throwIfAny() throws MappingException {
        if (!list.isEmpty()) {
            throw new MappingException(sorted());
        }
    }
}
