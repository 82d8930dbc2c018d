package io.centrasync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/mapping.schema.json}, for editors: every shipped mapping passes it, a typo fails it, and it names
 * exactly the keys {@link MappingReader} reads (so the two cannot drift apart). {@code validate} stays the authority.
 */
class MappingSchemaTest {

    static final Path SCHEMA = Path.of("docs/mapping.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> shippedMappings() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (Path dir : List.of(Path.of("mappings/default"), Path.of("mappings/example-fashion"), Path.of("src/test/resources"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().startsWith("rate_limits"))
                        .filter(f -> read(f).contains("\nentity:") || read(f).startsWith("entity:"))
                        .sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 9, "mappings found: " + files);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedMappings")
    void everyShippedMappingPassesTheSchema(Path file) {
        List<Error> errors = schema().validate(yaml(read(file)));
        assertTrue(errors.isEmpty(), file + ": " + errors);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an unknown top-level key    | 'table: orders'                   | 'tabel: orders'",
            "an unknown column key       | '{path: id, required: true}'      | '{pth: id, required: true}'",
            "an unknown type             | 'type: decimal'                   | 'type: decimel'",
            "an unknown paging style     | 'style: cursor'                   | 'style: cursour'",
            "an unknown incremental key  | 'lookback: PT10M'                 | 'lookbak: PT10M'",
            "a column with two sources   | '{path: id, required: true}'      | '{path: id, expr: id}'",
            "a page size out of range    | 'size: 200'                       | 'size: 0'",
            "required that is no boolean | '{path: id, required: true}'      | '{path: id, required: sure}'",
    })
    void aTypoFailsTheSchema(String what, String from, String to) throws IOException {
        String text = Files.readString(Path.of("mappings/default/orders.yaml"));
        assertTrue(text.contains(from), from);
        List<Error> errors = schema().validate(yaml(text.replaceFirst(java.util.regex.Pattern.quote(from), to)));
        assertFalse(errors.isEmpty(), what + " passed the schema");
    }

    /** The schema's keys at each level are exactly the ones the reader accepts there, and its types the reader's. */
    @Test
    void theSchemaNamesEveryKeyTheReaderReads() throws IOException {
        JsonNode schema = JSON.readTree(SCHEMA.toFile());
        JsonNode source = schema.at("/properties/source");
        assertKeys(MappingReader.TOP_KEYS, schema, "top level");
        assertKeys(MappingReader.SOURCE_KEYS, source, "source");
        assertKeys(MappingReader.PAGING_KEYS, source.at("/properties/paging"), "source.paging");
        assertKeys(MappingReader.INCREMENTAL_KEYS, source.at("/properties/incremental"), "source.incremental");
        assertKeys(MappingReader.RECHECK_KEYS, source.at("/properties/recheck"), "source.recheck");
        assertKeys(MappingReader.HISTORY_KEYS, schema.at("/properties/history"), "history");
        assertKeys(MappingReader.CHILD_KEYS, schema.at("/definitions/child"), "children");
        assertKeys(MappingReader.COLUMN_KEYS, schema.at("/definitions/column"), "a column");
        Set<String> types = new TreeSet<>();
        schema.at("/definitions/column/properties/type/enum").forEach(t -> types.add(t.asText()));
        assertEquals(new TreeSet<>(Arrays.stream(ColumnType.values()).map(ColumnType::yamlName).toList()), types);
        Set<String> styles = new TreeSet<>();
        schema.at("/properties/source/properties/paging/properties/style/enum").forEach(t -> styles.add(t.asText()));
        assertEquals(new TreeSet<>(List.of(PagingSpec.CURSOR, PagingSpec.PAGE, PagingSpec.NONE)), styles);
    }

    private static void assertKeys(List<String> reader, JsonNode object, String where) {
        Set<String> schemaKeys = new TreeSet<>();
        object.get("properties").fieldNames().forEachRemaining(schemaKeys::add);
        assertEquals(new TreeSet<>(reader), schemaKeys, where);
        assertFalse(object.get("additionalProperties").asBoolean(true), where + " must refuse unknown keys");
        object.get("properties").forEach(p -> assertTrue(p.has("description") || p.has("$ref"), where + ": " + p));
    }

    private static Schema schema() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON.readTree(SCHEMA.toFile()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** YAML 1.2 as editors read it (snakeyaml-engine's default schema), as a JSON tree. */
    private static JsonNode yaml(String text) {
        return JSON.valueToTree(new Load(LoadSettings.builder().build()).loadFromString(text));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
