package io.centrasync.mapping;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.introspection.IntrospectionQuery;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each query problem names file:line and, for a near miss, the name the schema has in that place. */
class QuerySchemaCheckTest {

    private static final Path FILE = Path.of("q.graphql");

    private static String problem(QuerySchemaCheck check, String query) {
        List<String> problems = check.problems(FILE, query);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    static void assertSuggests(QuerySchemaCheck check) {
        String field = problem(check, "{\n  orderConnection(first: 1) {\n    edges { node { grandTotall { value } } }\n  }\n}\n");
        assertTrue(field.startsWith("q.graphql:3: ") && field.endsWith("Field 'grandTotall' in type 'Order' is undefined (did you mean grandTotal?)"), field);
        String value = problem(check, "{\n  orderConnection(first: 1, sort: [orderDate_ASCC]) { edges { node { id } } }\n}\n");
        assertTrue(value.startsWith("q.graphql:2: ") && value.endsWith("(did you mean orderDate_ASC?)"), value);
        String argument = problem(check, "{\n  orderConnection(fist: 1) { edges { node { id } } }\n}\n");
        assertTrue(argument.endsWith("Unknown field argument 'fist' (did you mean first?)"), argument);
        String input = problem(check, "{\n  orderConnection(first: 1, where: {updatedAtt: {from: \"2020-01-01T00:00:00Z\"}}) { edges { node { id } } }\n}\n");
        assertTrue(input.endsWith("(did you mean updatedAt?)"), input);
        String type = problem(check, "query Q($since: DateTimeTzz!) {\n  orderConnection(first: 1, where: {updatedAt: {from: $since}}) { edges { node { id } } }\n}\n");
        assertTrue(type.startsWith("q.graphql:1: ") && type.contains("Unknown type 'DateTimeTzz' (did you mean DateTimeTz?)"), type);
        String far = problem(check, "{\n  orderConnection(first: 1) { edges { node { somethingElse } } }\n}\n");
        assertTrue(far.endsWith("is undefined"), far);
    }

    @Test
    void nearMissesAreSuggested() {
        assertSuggests(QuerySchemaCheck.builtin());
    }

    @Test
    void aStoresIntrospectionAnswerIsASchemaToCheckAgainst() throws Exception {
        String sdl = new String(QuerySchemaCheck.class.getResourceAsStream("/simulator/centra.graphqls").readAllBytes(), StandardCharsets.UTF_8);
        ExecutionResult answer = GraphQL.newGraphQL(UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl)))
                .build().execute(IntrospectionQuery.INTROSPECTION_QUERY);
        assertTrue(answer.getErrors().isEmpty(), answer.getErrors().toString());
        Map<String, Object> data = answer.getData();
        QuerySchemaCheck check = QuerySchemaCheck.fromIntrospection(data);
        assertSuggests(check);
        assertEquals(List.of(), check.problems(FILE, "{ rateLimits { type quota } }"));
    }
}
