package io.centrasync.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: resources, JSON parsing as the connector does it, and mapping files written to a temp dir. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A query selecting everything the feature tests map (orders through a fragment, with aliases). */
    static final String QUERY = """
            query Orders($first: Int!, $after: String, $since: DateTimeTz) {
              orderConnection(first: $first, after: $after, where: {updatedAt: {from: $since}}) {
                pageInfo { hasNextPage endCursor }
                edges { node { ...OrderFields } }
              }
            }
            fragment OrderFields on Order {
              id number status createdAt updatedAt internalComment paid: isPaid
              store { type }
              grandTotal { value currency { code } }
              lines { id quantity comment productSize { SKU } allocations { id warehouse { name } } }
              attributes { type { name } elements { key ... on AttributeStringElement { value } ... on AttributeChoiceElement { selectedValue } } }
              ... on WholesaleOrder { buyer { id email } }
            }
            """;

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/mapping/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode jsonResource(String name) {
        try {
            return JSON.readTree(Files.readString(resource(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <name>.yaml} (and {@code <name>.graphql} unless null) into dir; returns the yaml path. */
    static Path write(Path dir, String name, String yaml, String graphql) {
        try {
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            if (graphql != null) {
                Files.writeString(dir.resolve(name + ".graphql"), graphql, StandardCharsets.UTF_8);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mapping header (source block) for {@link #QUERY}: 10 lines, so the table starts at line 11. */
    static String header(String entity) {
        return """
                entity: %s
                source:
                  query: %s.graphql
                  records: data.orderConnection.edges[].node
                  paging:
                    style: cursor
                    sizeVariable: first
                    cursorVariable: after
                    size: 50
                timezone: Europe/Stockholm
                """.formatted(entity, entity);
    }

    /** Loads a mapping made of {@link #header} + body with {@link #QUERY}. */
    static EntityMapping load(Path dir, String body) throws MappingException {
        return MappingLoader.load(write(dir, "m", header("m") + body, QUERY));
    }

    static MappingException loadFails(Path yaml) {
        return assertThrows(MappingException.class, () -> MappingLoader.load(yaml));
    }
}
