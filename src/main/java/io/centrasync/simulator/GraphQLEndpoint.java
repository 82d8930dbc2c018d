package io.centrasync.simulator;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Executes one GraphQL request the way Centra answers it: 400 for syntax/validation errors,
 * 429 when a rate-limit bucket is empty, else 200 with {@code data}, maybe {@code errors}, and
 * {@code extensions.complexity} / {@code extensions.permissionsUsed}.
 */
final class GraphQLEndpoint {
    private static final Logger LOG = Logger.getLogger(GraphQLEndpoint.class.getName());
    private static final int DOCUMENT_CACHE_SIZE = 500;

    /** An HTTP answer: status, JSON body, extra headers. */
    record Response(int status, Map<String, Object> body, Map<String, String> headers) {
    }

    private final GraphQLSchema schema;
    private final GraphQL graphql;
    private final ComplexityCalculator complexity;
    private final RateLimiter rateLimiter;
    private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

    /** {@code withheld}: the permissions the token lacks (none: every field is read as asked). */
    GraphQLEndpoint(GraphQLSchema schema, RateLimiter rateLimiter, Set<String> withheld) {
        this.schema = schema;
        this.rateLimiter = rateLimiter;
        this.complexity = new ComplexityCalculator(schema);
        GraphQL.Builder builder = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(exceptionHandler())
                .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(document(input)));
        if (!withheld.isEmpty()) {
            builder.instrumentation(withholding(withheld));
        }
        this.graphql = builder.build();
    }

    /** Every field that needs a withheld permission fails with Centra's authorization error instead of being read. */
    private static SimplePerformantInstrumentation withholding(Set<String> withheld) {
        return new SimplePerformantInstrumentation() {
            @Override
            public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                        InstrumentationState state) {
                return env -> {
                    String parent = ((GraphQLNamedType) env.getParentType()).getName();
                    for (String needed : Permissions.of(parent, env.getFieldDefinition())) {
                        if (withheld.contains(needed)) {
                            throw new PermissionDenied(needed, env.getFieldDefinition().getName());
                        }
                    }
                    return fetcher.get(env);
                };
            }
        };
    }

    Response execute(String query, Map<String, Object> variables, String operationName) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .variables(variables == null ? Map.of() : variables)
                .operationName(operationName)
                .build();
        PreparsedDocumentEntry doc = document(input);
        if (doc.hasErrors()) {
            return errors(400, doc.getErrors());
        }
        ComplexityCalculator.Cost cost;
        try {
            cost = complexity.calculate(doc.getDocument(), operationName, input.getVariables());
        } catch (RuntimeException e) {
            // e.g. unknown operation name or bad variables: let execution report it
            cost = new ComplexityCalculator.Cost(0, List.of());
        }
        RateLimiter.Decision decision = rateLimiter.tryAcquire(cost.complexity());
        if (!decision.admitted()) {
            Map<String, Object> body = Map.of("errors", List.of(Map.of(
                    "message", "Too many requests: rate limit exceeded",
                    "extensions", Map.of("category", "rate_limit"))));
            return new Response(429, body, Map.of("Retry-After", rateLimiter.retryAfter(decision.waitSeconds())));
        }
        ExecutionResult result = graphql.execute(input);
        if (!result.isDataPresent()) {
            return errors(400, result.getErrors());
        }
        Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
        Map<String, Object> ext = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> existing = (Map<String, Object>) body.get("extensions");
        if (existing != null) {
            ext.putAll(existing);
        }
        ext.put("complexity", cost.complexity());
        ext.put("permissionsUsed", cost.permissions());
        ext.put("appVersion", "centra-sync-simulator");
        body.put("extensions", ext);
        return new Response(200, body, Map.of());
    }

    /** Parsed and validated documents, cached by query text (connectors repeat their queries). */
    private PreparsedDocumentEntry document(ExecutionInput input) {
        PreparsedDocumentEntry e = documents.get(input.getQuery());
        if (e == null) {
            ParseAndValidateResult r = ParseAndValidate.parseAndValidate(schema, input);
            e = r.isFailure() ? new PreparsedDocumentEntry(r.getErrors()) : new PreparsedDocumentEntry(r.getDocument());
            if (documents.size() > DOCUMENT_CACHE_SIZE) {
                documents.clear();
            }
            documents.put(input.getQuery(), e);
        }
        return e;
    }

    private static Response errors(int status, List<? extends GraphQLError> errors) {
        return new Response(status, Map.of("errors", errors.stream().map(GraphQLError::toSpecification).toList()), Map.of());
    }

    private static DataFetcherExceptionHandler exceptionHandler() {
        return params -> {
            Throwable t = params.getException();
            while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
                t = t.getCause();
            }
            boolean user = t instanceof UserError || t instanceof PermissionDenied;
            if (!user) {
                LOG.log(Level.WARNING, "Data fetcher failed at " + params.getPath(), t);
            }
            GraphQLError error = GraphqlErrorBuilder.newError()
                    .message(user ? t.getMessage() : "Internal server error")
                    .path(params.getPath())
                    .location(params.getSourceLocation())
                    .extensions(Map.of("category", t instanceof PermissionDenied ? "authorization" : user ? "user" : "internal"))
                    .build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        };
    }
}
