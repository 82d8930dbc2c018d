package io.centrasync.mapping;

import graphql.GraphQLError;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.validation.ValidationError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Did you mean" for the names a query gets wrong against a schema: a field, an argument, an input field, an enum
 * value or a type, each against the names the schema has in that place (graphql-java's validator names the
 * place but suggests nothing).
 */
final class SchemaSuggestions {
    private static final Pattern FIELD = Pattern.compile("Field '(\\w+)' in type '(\\w+)' is undefined");
    private static final Pattern ARGUMENT = Pattern.compile("Unknown field argument '(\\w+)'");
    private static final Pattern TYPE = Pattern.compile("Unknown type '(\\w+)'");
    private static final Pattern ENUM_VALUE = Pattern.compile("allowable values for enum '(\\w+)' - 'EnumValue\\{name='(\\w+)'");
    private static final Pattern INPUT_FIELD = Pattern.compile("contains a field not in '(\\w+)': '(\\w+)'");

    private final GraphQLSchema schema;

    SchemaSuggestions(GraphQLSchema schema) {
        this.schema = schema;
    }

    /** {@code " (did you mean X?)"} when the error names a near miss of an existing name, else empty. */
    String of(GraphQLError error) {
        String message = error.getMessage();
        String best = null;
        Matcher m;
        if ((m = FIELD.matcher(message)).find()) {
            best = Suggest.nearest(m.group(1), fieldNames(schema.getType(m.group(2))));
        } else if ((m = ENUM_VALUE.matcher(message)).find() && schema.getType(m.group(1)) instanceof GraphQLEnumType e) {
            best = Suggest.nearest(m.group(2), e.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList());
        } else if ((m = INPUT_FIELD.matcher(message)).find() && schema.getType(m.group(1)) instanceof GraphQLInputObjectType t) {
            best = Suggest.nearest(m.group(2), t.getFieldDefinitions().stream().map(GraphQLInputObjectField::getName).toList());
        } else if ((m = TYPE.matcher(message)).find()) {
            best = Suggest.nearest(m.group(1), schema.getAllTypesAsList().stream().map(GraphQLNamedType::getName)
                    .filter(name -> !name.startsWith("__")).toList());
        } else if ((m = ARGUMENT.matcher(message)).find() && error instanceof ValidationError v) {
            GraphQLFieldDefinition field = field(v.getQueryPath());
            best = field == null ? null : Suggest.nearest(m.group(1), field.getArguments().stream().map(GraphQLArgument::getName).toList());
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** The field at a query path (field names from the query root), looked for in every type a union or interface may be. */
    private GraphQLFieldDefinition field(List<String> path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        List<GraphQLType> types = List.of(schema.getQueryType());
        GraphQLFieldDefinition found = null;
        for (String name : path) {
            found = null;
            for (GraphQLType type : types) {
                if (type instanceof GraphQLFieldsContainer c && c.getFieldDefinition(name) != null) {
                    found = c.getFieldDefinition(name);
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            types = possibleTypes(GraphQLTypeUtil.unwrapAll(found.getType()));
        }
        return found;
    }

    private List<GraphQLType> possibleTypes(GraphQLNamedType type) {
        List<GraphQLType> out = new ArrayList<>(List.of(type));
        if (type instanceof GraphQLUnionType u) {
            out.addAll(u.getTypes());
        } else if (type instanceof GraphQLInterfaceType i) {
            out.addAll(schema.getImplementations(i));
        }
        return out;
    }

    private static Collection<String> fieldNames(GraphQLType type) {
        return type instanceof GraphQLFieldsContainer c
                ? c.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName).toList() : List.of();
    }
}
