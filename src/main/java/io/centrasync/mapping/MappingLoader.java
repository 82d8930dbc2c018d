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
     * sorted by entity; {@link RateLimitsMapping#FILE} is not an entity and is left to {@link RateLimitsMapping}. Problems of all files are reported together.
     */
    public static List<EntityMapping> loadAll(Path mappingsDir) throws MappingException {
        Problems problems = new Problems();
        List<Path> files;
        try (Stream<Path> s = Files.list(mappingsDir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"))
                        && !n.equals(RateLimitsMapping.FILE);
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
        LoadedQuery main = model.query == null ? null : loadQuery(file, model.query, "source.query", model, problems);
        QuerySelection query = main == null ? null : main.selection;
        String queryName = main == null ? "the query" : main.file.getFileName().toString();
        MappingValidator.Compiled c = MappingValidator.validate(file, model, query, queryName, problems);
        if (c == null || problems.size() > before || query == null) {
            return null;
        }
        RecheckSpec recheck = null;
        ListPath recheckRecords = null;
        byte[] recheckBytes = new byte[0];
        if (model.hasRecheck) {
            MappingValidator.Compiled r = null;
            LoadedQuery rq = model.recheckQuery == null ? null
                    : loadQuery(file, model.recheckQuery, "source.recheck.query", model, problems);
            if (rq != null && rq.selection != null) {
                // the same columns, read from the recheck query's records: every path must be selected there too
                r = MappingValidator.validate(file, model.forRecheck(), rq.selection, rq.file.getFileName().toString(), problems);
                checkRecheck(file, model, c, rq, problems);
            }
            if (r == null || problems.size() > before) {
                return null;
            }
            int batch = model.recheckBatch == null ? 100 : model.recheckBatch;
            recheck = new RecheckSpec(rq.file, rq.text, model.recheckRecords, model.recheckVariable, model.recheckColumn,
                    List.copyOf(model.recheckFinal), batch);
            recheckRecords = r.records();
            recheckBytes = rq.bytes;
        }
        HistorySpec history = history(file, model, c.root(), problems);
        if (problems.size() > before) {
            return null;
        }
        return new EntityMapping(model.entity, file, main.file, main.text, model.records, c.records(), c.paging(),
                c.incremental(), c.root(), c.children(), fingerprint(yamlBytes, main.bytes, recheckBytes), c.mapper(),
                recheck, recheckRecords, history);
    }

    /** {@code history}, for a snapshot entity only; null without one. */
    private static HistorySpec history(Path file, MappingModel model, TableSpec root, Problems problems) {
        if (!model.hasHistory) {
            return null;
        }
        if (model.hasIncremental) {
            problems.add(file, model.line("history"), "history: only a snapshot entity (without source.incremental) keeps a history;"
                    + " an incremental one keeps its rows as they change");
            return null;
        }
        String table = model.historyTable == null ? root.name() + "_history" : model.historyTable;
        String problem = SqlIdentifiers.problem(table);
        if (problem != null) {
            problems.add(file, model.line("history.table"), "history.table " + problem);
            return null;
        }
        return new HistorySpec(table, model.historyEvery, model.historyKeep);
    }

    private static void checkRecheck(Path file, MappingModel model, MappingValidator.Compiled c, LoadedQuery rq,
                                     Problems problems) {
        if (!rq.selection.variables().contains(model.recheckVariable)) {
            problems.add(file, model.line("source.recheck.variable"), "source.recheck.variable '" + model.recheckVariable
                    + "' is not a variable of the query in " + rq.file.getFileName());
        }
        if (c.root().indexOf(model.recheckColumn) < 0) {
            problems.add(file, model.line("source.recheck.column"), "source.recheck.column '" + model.recheckColumn
                    + "' is not a column of table " + c.root().name());
        }
        if (model.recheckFinal == null || model.recheckFinal.isEmpty()) {
            problems.add(file, model.line("source.recheck.final"), "source.recheck.final must list at least one value");
        }
        if (model.recheckBatch != null && (model.recheckBatch < 1 || model.recheckBatch > 200)) {
            problems.add(file, model.line("source.recheck.batch"), "source.recheck.batch must be 1 to 200");
        }
        if (c.root().key().size() != 1) {
            problems.add(file, model.line("source.recheck"), "source.recheck needs a single-column key on table " + c.root().name());
        }
    }

    /** A query file beside the mapping, read and parsed; null (reported) when missing or unreadable. */
    private static LoadedQuery loadQuery(Path file, String name, String lineKey, MappingModel model, Problems problems) {
        Path dir = file.toAbsolutePath().getParent();
        Path queryFile = file.getParent() == null ? Path.of(name) : file.getParent().resolve(name);
        if (!Files.isRegularFile(queryFile)) {
            problems.add(file, model.line(lineKey), "query file '" + name + "' not found (looked for "
                    + (dir == null ? queryFile : dir.resolve(name).normalize()) + ")");
            return null;
        }
        byte[] bytes = readBytes(queryFile, problems);
        String text = bytes == null ? null : decode(queryFile, bytes, problems);
        if (text == null) {
            return null;
        }
        QuerySelection selection = null;
        try {
            selection = QuerySelection.parse(text);
        } catch (QuerySelection.QueryException e) {
            problems.add(queryFile, e.line, e.getMessage());
        }
        return new LoadedQuery(queryFile, bytes, text, selection);
    }

    private record LoadedQuery(Path file, byte[] bytes, String text, QuerySelection selection) {
    }

    /** SHA-256 hex of the mapping bytes followed by the query bytes (and the recheck query's, if any). */
    static String fingerprint(byte[] mapping, byte[]... queries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(mapping);
            for (byte[] q : queries) {
                sha.update(q);
            }
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
