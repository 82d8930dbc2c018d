package io.centrasync.mapping;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads and validates mapping files. Every problem of a file (and of its query) is collected and thrown together
 * in one {@link MappingException}, each as {@code file:line: message}.
 */
public final class MappingLoader {
    private MappingLoader() {
    }

    /** Loads one {@code <entity>.yaml} and the query file it names. */
    public static EntityMapping load(Path mappingYaml) throws MappingException {
        Problems problems = new Problems();
        EntityMapping mapping = load(mappingYaml, problems);
        problems.throwIfAny();
        return mapping;
    }

    /**
     * Loads every {@code *.yaml} / {@code *.yml} directly in {@code mappingsDir} (e.g. {@code mappings/default}),
     * sorted by entity. Problems of all files are reported together.
     */
    public static List<EntityMapping> loadAll(Path mappingsDir) throws MappingException {
        Problems problems = new Problems();
        List<Path> files;
        try (Stream<Path> s = Files.list(mappingsDir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(mappingsDir, 1, "cannot list mapping directory: " + e);
            throw new MappingException(problems.sorted());
        }
        if (files.isEmpty()) {
            problems.add(mappingsDir, 1, "no mapping files (*.yaml) in this directory");
        }
        List<EntityMapping> out = new ArrayList<>();
        Map<String, Path> byEntity = new HashMap<>();
        for (Path f : files) {
            EntityMapping m = load(f, problems);
            if (m == null) {
                continue;
            }
            Path other = byEntity.putIfAbsent(m.entity(), f);
            if (other != null) {
                problems.add(f, 1, "entity '" + m.entity() + "' is also mapped by " + other);
            }
            out.add(m);
        }
        problems.throwIfAny();
        out.sort(Comparator.comparing(EntityMapping::entity));
        return List.copyOf(out);
    }

    private static EntityMapping load(Path file, Problems problems) {
        byte[] yamlBytes = readBytes(file, problems);
        if (yamlBytes == null) {
            return null;
        }
        String yamlText = decode(file, yamlBytes, problems);
        if (yamlText == null) {
            return null;
        }
        int before = problems.size();
        MappingModel model = MappingReader.read(file, yamlText, problems);
        if (model == null) {
            return null;
        }
        Path queryFile = null;
        byte[] queryBytes = null;
        String queryText = null;
        QuerySelection query = null;
        if (model.query != null) {
            Path dir = file.toAbsolutePath().getParent();
            queryFile = file.getParent() == null ? Path.of(model.query) : file.getParent().resolve(model.query);
            if (!Files.isRegularFile(queryFile)) {
                problems.add(file, model.line("source.query"), "query file '" + model.query + "' not found (looked for "
                        + (dir == null ? queryFile : dir.resolve(model.query).normalize()) + ")");
            } else {
                queryBytes = readBytes(queryFile, problems);
                queryText = queryBytes == null ? null : decode(queryFile, queryBytes, problems);
                if (queryText != null) {
                    try {
                        query = QuerySelection.parse(queryText);
                    } catch (QuerySelection.QueryException e) {
                        problems.add(queryFile, e.line, e.getMessage());
                    }
                }
            }
        }
        String queryName = queryFile == null ? "the query" : queryFile.getFileName().toString();
        MappingValidator.Compiled c = MappingValidator.validate(file, model, query, queryName, problems);
        if (c == null || problems.size() > before || query == null) {
            return null;
        }
        return new EntityMapping(model.entity, file, queryFile, queryText, model.records, c.records(), c.paging(),
                c.incremental(), c.root(), c.children(), fingerprint(yamlBytes, queryBytes), c.mapper());
    }

    /** SHA-256 hex of the mapping bytes followed by the query bytes. */
    static String fingerprint(byte[] mapping, byte[] query) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(mapping);
            sha.update(query);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static byte[] readBytes(Path file, Problems problems) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(file, 1, "cannot read file: " + e);
            return null;
        }
    }

    private static String decode(Path file, byte[] bytes, Problems problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file, 1, "file is not UTF-8 text");
            return null;
        }
    }
}
