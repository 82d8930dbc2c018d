package io.centrasync.simulator;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Centra's custom scalars: {@code DateTimeTz}, {@code Date} and {@code Int64}.
 * Date fields are formatted by their data fetchers (they take a {@code format} argument), so
 * {@code DateTimeTz} passes strings through on output; on input it yields an {@link Instant}.
 */
final class CentraScalars {
    private CentraScalars() {
    }

    static final GraphQLScalarType DATE_TIME_TZ = GraphQLScalarType.newScalar()
            .name("DateTimeTz")
            .description("Date and time with time zone")
            .coercing(new Coercing<Instant, String>() {
                @Override
                public String serialize(Object v, GraphQLContext ctx, Locale locale) {
                    if (v instanceof String s) {
                        return s;
                    }
                    if (v instanceof Instant i) {
                        return CentraTime.format(i, PhpDateFormat.ORDER_DEFAULT);
                    }
                    if (v instanceof ZonedDateTime z) {
                        return PhpDateFormat.format(z, PhpDateFormat.ORDER_DEFAULT);
                    }
                    throw new CoercingSerializeException("Not a date: " + v);
                }

                @Override
                public Instant parseValue(Object input, GraphQLContext ctx, Locale locale) {
                    if (!(input instanceof String s)) {
                        throw new CoercingParseValueException("DateTimeTz must be a string");
                    }
                    try {
                        return CentraTime.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw new CoercingParseValueException(e.getMessage());
                    }
                }

                @Override
                public Instant parseLiteral(Value<?> input, CoercedVariables vars, GraphQLContext ctx, Locale locale) {
                    if (!(input instanceof StringValue sv)) {
                        throw new CoercingParseLiteralException("DateTimeTz must be a string");
                    }
                    try {
                        return CentraTime.parse(sv.getValue());
                    } catch (IllegalArgumentException e) {
                        throw new CoercingParseLiteralException(e.getMessage());
                    }
                }
            })
            .build();

    static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("Calendar date Y-m-d")
            .coercing(new Coercing<LocalDate, String>() {
                @Override
                public String serialize(Object v, GraphQLContext ctx, Locale locale) {
                    if (v instanceof LocalDate || v instanceof String) {
                        return v.toString();
                    }
                    throw new CoercingSerializeException("Not a date: " + v);
                }

                @Override
                public LocalDate parseValue(Object input, GraphQLContext ctx, Locale locale) {
                    try {
                        return LocalDate.parse(String.valueOf(input).trim());
                    } catch (RuntimeException e) {
                        throw new CoercingParseValueException("Invalid Date '" + input + "'");
                    }
                }

                @Override
                public LocalDate parseLiteral(Value<?> input, CoercedVariables vars, GraphQLContext ctx, Locale locale) {
                    if (input instanceof StringValue sv) {
                        try {
                            return LocalDate.parse(sv.getValue().trim());
                        } catch (RuntimeException e) {
                            throw new CoercingParseLiteralException("Invalid Date '" + sv.getValue() + "'");
                        }
                    }
                    throw new CoercingParseLiteralException("Date must be a string");
                }
            })
            .build();

    static final GraphQLScalarType INT64 = GraphQLScalarType.newScalar()
            .name("Int64")
            .description("64-bit integer")
            .coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object v, GraphQLContext ctx, Locale locale) {
                    if (v instanceof Number n) {
                        return n.longValue();
                    }
                    throw new CoercingSerializeException("Not an Int64: " + v);
                }

                @Override
                public Long parseValue(Object input, GraphQLContext ctx, Locale locale) {
                    if (input instanceof Number n) {
                        return n.longValue();
                    }
                    try {
                        return Long.parseLong(String.valueOf(input));
                    } catch (NumberFormatException e) {
                        throw new CoercingParseValueException("Invalid Int64 '" + input + "'");
                    }
                }

                @Override
                public Long parseLiteral(Value<?> input, CoercedVariables vars, GraphQLContext ctx, Locale locale) {
                    if (input instanceof IntValue iv) {
                        return iv.getValue().longValueExact();
                    }
                    if (input instanceof StringValue sv) {
                        try {
                            return Long.parseLong(sv.getValue());
                        } catch (NumberFormatException e) {
                            throw new CoercingParseLiteralException("Invalid Int64");
                        }
                    }
                    throw new CoercingParseLiteralException("Int64 must be an integer");
                }
            })
            .build();
}
