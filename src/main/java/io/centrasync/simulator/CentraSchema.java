package io.centrasync.simulator;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Builds the executable schema from {@code simulator/centra.graphqls} and the wiring classes. */
final class CentraSchema {
    static final String SDL_RESOURCE = "/simulator/centra.graphqls";

    private CentraSchema() {
    }

    static String sdl() {
        try (InputStream in = CentraSchema.class.getResourceAsStream(SDL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + SDL_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GraphQLSchema build(SimStore store, Consumer<RuntimeWiring.Builder> extra) {
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl());
        RuntimeWiring.Builder b = RuntimeWiring.newRuntimeWiring()
                .scalar(CentraScalars.DATE_TIME_TZ)
                .scalar(CentraScalars.DATE)
                .scalar(CentraScalars.INT64);
        CommonWiring.wire(b);
        new OrderWiring(store).wire(b);
        extra.accept(b);
        return new SchemaGenerator().makeExecutableSchema(registry, b.build());
    }
}
