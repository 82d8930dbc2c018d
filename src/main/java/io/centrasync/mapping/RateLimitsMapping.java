package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code rate_limits.yaml} and its query: how to ask Centra for its rate-limit buckets and which of
 * Centra's names mean what (record path, field names, interval and type values). A mappings folder
 * without the file uses the copy of {@code mappings/default} built into the jar.
 */
public final class RateLimitsMapping {
    public static final String FILE = "rate_limits.yaml";
    private static final String BUILTIN = "mappings/default/";
    private static final List<String> KEYS = List.of("query", "records", "fields", "intervals", "types");
    private static final List<String> FIELD_KEYS = List.of("type", "interval", "quota", "remaining");

    private final Path queryFile;
    private final String queryText;
    private final ListPath records;
    private final Map<String, String[]> fields;
    private final Map<String, Integer> intervals;
    private final Map<String, BucketKind> types;

    private RateLimitsMapping(Path queryFile, String queryText, ListPath records, Map<String, String[]> fields,
                              Map<String, Integer> intervals, Map<String, BucketKind> types) {
        this.queryFile = queryFile;
        this.queryText = queryText;
        this.records = records;
        this.fields = fields;
        this.intervals = intervals;
        this.types = types;
    }

    /** {@code mappingsDir/rate_limits.yaml}, or the built-in one when the folder has none. */
    public static RateLimitsMapping load(Path mappingsDir) throws MappingException {
        Path file = mappingsDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return builtin();
        }
        Problems problems = new Problems();
        String yaml = read(file, problems);
        RateLimitsMapping m = yaml == null ? null
                : parse(file, yaml, mappingsDir::resolve, query -> read(query, problems), problems);
        problems.throwIfAny();
        return m;
    }

    /** The copy of {@code mappings/default/rate_limits.yaml} in the jar. */
    public static RateLimitsMapping builtin() throws MappingException {
        Problems problems = new Problems();
        RateLimitsMapping m = parse(Path.of("built-in " + BUILTIN + FILE), resource(BUILTIN + FILE),
                name -> Path.of("built-in " + BUILTIN + name), query -> resource(BUILTIN + query.getFileName()), problems);
        problems.throwIfAny();
        return m;
    }

    /** The query file (for messages and the schema check) and its text, sent as is. */
    public Path queryFile() {
        return queryFile;
    }

    public String queryText() {
        return queryText;
    }

    /**
     * The buckets in Centra's answer that map onto ours. Rows of other types (mutations), with an
     * interval this file does not name, or without numbers are left out.
     */
    public List<RateLimit> limits(JsonNode answer) {
        List<RateLimit> out = new ArrayList<>();
        for (JsonNode row : records.selectAll(answer)) {
            Optional<BucketKind> kind = Optional.ofNullable(types.get(field(row, "type").asText()));
            Optional<Integer> seconds = seconds(field(row, "interval"));
            JsonNode quota = field(row, "quota");
            JsonNode remaining = field(row, "remaining");
            if (kind.isPresent() && seconds.isPresent() && quota.canConvertToLong() && remaining.canConvertToLong()) {
                out.add(new RateLimit(kind.get(), seconds.get(), quota.asLong(), remaining.asLong()));
            }
        }
        return out;
    }

    /** An interval as Centra's enum ({@code TEN_SECONDS}) or, tolerated, a plain number of seconds. */
    private Optional<Integer> seconds(JsonNode interval) {
        if (interval.canConvertToInt() && interval.isNumber()) {
            return Optional.of(interval.asInt());
        }
        String text = interval.asText();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Integer.valueOf(text));
        }
        return Optional.ofNullable(intervals.get(text));
    }

    private JsonNode field(JsonNode row, String key) {
        JsonNode n = row;
        for (String name : fields.get(key)) {
            n = n.path(name);
        }
        return n;
    }

    /** Reads the YAML and the query it names ({@code locate} resolves the name, {@code reader} reads it). */
    private static RateLimitsMapping parse(Path file, String yaml, Function<String, Path> locate,
                                           Function<Path, String> reader, Problems problems) {
        int before = problems.size();
        YamlNodes nodes = new YamlNodes(file, problems);
        Optional<Node> doc = nodes.compose(yaml);
        if (doc.isEmpty()) {
            if (problems.size() == before) {
                problems.add(file, 1, "the rate-limits file is empty");
            }
            return null;
        }
        YamlNodes.Fields top = nodes.fields(doc.get(), "the rate-limits file", KEYS);
        String queryName = top == null ? null : top.requireString("query", "the rate-limits file");
        Path queryFile = queryName == null ? null : locate.apply(queryName);
        String query = queryFile == null ? null : reader.apply(queryFile);
        if (query == null) {
            return null;
        }
        QuerySelection selection = null;
        try {
            selection = QuerySelection.parse(query);
        } catch (QuerySelection.QueryException e) {
            problems.add(queryFile, e.line, e.getMessage());
        }
        ListPath records = records(nodes, top, selection, queryFile);
        Map<String, String[]> fields = fields(nodes, top, records, selection, queryFile);
        Map<String, Integer> intervals = intervals(nodes, top);
        Map<String, BucketKind> types = types(nodes, top);
        return problems.size() > before ? null
                : new RateLimitsMapping(queryFile, query, records, fields, intervals, types);
    }

    private static ListPath records(YamlNodes nodes, YamlNodes.Fields top, QuerySelection query, Path queryFile) {
        String text = top.requireString("records", "the rate-limits file");
        if (text == null) {
            return null;
        }
        try {
            ListPath p = ListPath.parse(text);
            List<String> names = p.names();
            if (!p.endsWithList() || names.size() < 2 || !names.get(0).equals("data")) {
                nodes.error(top.line("records"), "records '" + text + "' must start with 'data.' and end with a list, like data.rateLimits[]");
                return null;
            }
            String missing = query == null ? null : query.missing(names.subList(1, names.size()));
            if (missing != null) {
                nodes.error(top.line("records"), "records '" + text + "' is not selected by " + queryFile.getFileName() + " (" + missing + ")");
                return null;
            }
            return p;
        } catch (IllegalArgumentException e) {
            nodes.error(top.line("records"), "records: " + e.getMessage());
            return null;
        }
    }

    private static Map<String, String[]> fields(YamlNodes nodes, YamlNodes.Fields top, ListPath records,
                                                QuerySelection query, Path queryFile) {
        Node node = top.require("fields", "the rate-limits file");
        YamlNodes.Fields f = node == null ? null : nodes.fields(node, "fields", FIELD_KEYS);
        if (f == null) {
            return null;
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String key : FIELD_KEYS) {
            String path = f.requireString(key, "fields");
            if (path == null) {
                continue;
            }
            String[] names = path.split("\\.");
            List<String> selected = new ArrayList<>();
            if (records != null) {
                selected.addAll(records.names().subList(1, records.names().size()));
                selected.addAll(List.of(names));
                String missing = query == null ? null : query.missing(selected);
                if (missing != null) {
                    nodes.error(f.line(key), "fields." + key + " '" + path + "' is not selected by "
                            + queryFile.getFileName() + " (" + missing + ")");
                }
            }
            out.put(key, names);
        }
        return out;
    }

    private static Map<String, Integer> intervals(YamlNodes nodes, YamlNodes.Fields top) {
        return byCentrasName(nodes, top, "intervals", (name, value) -> {
            Integer seconds = nodes.integer(value, "intervals." + name);
            if (seconds != null && seconds < 1) {
                nodes.error(value, "intervals." + name + " must be a number of seconds of at least 1");
            }
            return seconds;
        });
    }

    private static Map<String, BucketKind> types(YamlNodes nodes, YamlNodes.Fields top) {
        return byCentrasName(nodes, top, "types", (name, value) -> {
            String bucket = nodes.string(value, "types." + name);
            Optional<BucketKind> kind = bucket == null ? Optional.empty() : BucketKind.ofFileName(bucket);
            if (bucket != null && kind.isEmpty()) {
                nodes.error(value, "types." + name + ": '" + bucket + "' is not one of our buckets (requests, complexity)");
            }
            return kind.orElse(null);
        });
    }

    /** A required YAML mapping of Centra's names, each value read by {@code read} (null: reported, left out). */
    private static <T> Map<String, T> byCentrasName(YamlNodes nodes, YamlNodes.Fields top, String key,
                                                    BiFunction<String, Node, T> read) {
        Map<String, T> out = new LinkedHashMap<>();
        entries(nodes, top, key).forEach((name, value) -> {
            T v = read.apply(name, value);
            if (v != null) {
                out.put(name, v);
            }
        });
        return out;
    }

    /** The entries of a required YAML mapping, Centra's name to its value node. */
    private static Map<String, Node> entries(YamlNodes nodes, YamlNodes.Fields top, String key) {
        Node node = top.require(key, "the rate-limits file");
        Map<String, Node> out = new LinkedHashMap<>();
        if (node != null && !(node instanceof MappingNode)) {
            nodes.error(node, key + " must be a mapping of Centra's names, not " + YamlNodes.describe(node));
        } else if (node != null) {
            for (NodeTuple t : ((MappingNode) node).getValue()) {
                String name = nodes.string(t.getKeyNode(), key + " key");
                if (name != null) {
                    out.put(name, t.getValueNode());
                }
            }
        }
        return out;
    }

    private static String read(Path file, Problems problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file, 1, "file not found (named by " + FILE + ")");
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file, 1, "cannot read file: " + e.getMessage());
            return null;
        }
    }

    private static String resource(String name) {
        try (InputStream in = RateLimitsMapping.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
