package io.centrasync.mapping;

import graphql.GraphQLError;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import graphql.validation.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates a mapping's query files against a GraphQL schema (SDL): field names, arguments,
 * variable types. The built-in schema is the simulator's, which follows Centra's public names; a
 * real store may differ, so this check is part of {@code validate}, not of every start.
 */
public final class QuerySchemaCheck {

    private final GraphQLSchema schema;
    private final SchemaSuggestions suggestions;

    private QuerySchemaCheck(String sdl) {
        this(new SchemaParser().parse(sdl));
    }

    private QuerySchemaCheck(TypeDefinitionRegistry types) {
        this.schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
        this.suggestions = new SchemaSuggestions(schema);
    }

    /**
     * The schema of a store as its answer to the standard introspection query ({@code data} of
     * {@link graphql.introspection.IntrospectionQuery#INTROSPECTION_QUERY}) describes it.
     *
     * @throws IllegalArgumentException when the answer describes no usable schema
     */
    public static QuerySchemaCheck fromIntrospection(Map<String, Object> data) {
        try {
            Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(data);
            return new QuerySchemaCheck(new SchemaParser().buildRegistry(sdl));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the introspected schema is not usable: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    public static QuerySchemaCheck builtin() {
        try (InputStream in = QuerySchemaCheck.class.getResourceAsStream("/simulator/centra.graphqls")) {
            if (in == null) {
                throw new IllegalStateException("built-in schema simulator/centra.graphqls is missing from the jar");
            }
            return new QuerySchemaCheck(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException with one line naming the file (and line) when it cannot be read or is no schema */
    public static QuerySchemaCheck fromFile(Path sdl) {
        try {
            return new QuerySchemaCheck(Files.readString(sdl, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(sdl + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(sdl + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (SchemaProblem e) {
            GraphQLError first = e.getErrors().get(0);
            List<SourceLocation> at = first.getLocations();
            String line = at == null || at.isEmpty() ? "" : ":" + at.get(0).getLine();
            String more = e.getErrors().size() > 1 ? " (and " + (e.getErrors().size() - 1) + " more)" : "";
            throw new IllegalArgumentException(sdl + line + ": not a usable schema: "
                    + first.getMessage().lines().findFirst().orElse("") + more, e);
        }
    }

    /** One {@code file:line: message} per problem in the mapping's queries. */
    public List<String> problems(EntityMapping mapping) {
        List<String> problems = new ArrayList<>(problems(mapping.queryFile(), mapping.queryText()));
        mapping.recheck().ifPresent(r -> problems.addAll(problems(r.queryFile(), r.queryText())));
        return problems;
    }

    /** One {@code file:line: message} per problem in one query. */
    public List<String> problems(Path file, String query) {
        Document document = Parser.parse(query);
        List<String> out = new ArrayList<>();
        for (GraphQLError e : new Validator().validateDocument(schema, document, Locale.ENGLISH)) {
            List<SourceLocation> at = e.getLocations();
            int line = at == null || at.isEmpty() ? 1 : at.get(0).getLine();
            out.add(file + ":" + line + ": " + e.getMessage() + suggestions.of(e));
        }
        return out;
    }

    /**
     * The names the mapping's queries use that the schema marks {@code @unconfirmed}, each as
     * {@code file:line: Name: note}. Only for queries without problems.
     */
    public List<String> unconfirmed(EntityMapping mapping) {
        List<String> out = new ArrayList<>(unconfirmed(mapping.queryFile(), mapping.queryText()));
        mapping.recheck().ifPresent(r -> out.addAll(unconfirmed(r.queryFile(), r.queryText())));
        return out;
    }

    public List<String> unconfirmed(Path file, String query) {
        if (!problems(file, query).isEmpty()) {
            return List.of();
        }
        return UnconfirmedNames.in(schema, file, Parser.parse(query));
    }
}
