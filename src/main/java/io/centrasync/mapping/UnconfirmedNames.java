package io.centrasync.mapping;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldArgumentEnvironment;
import graphql.analysis.QueryVisitorFieldArgumentValueEnvironment;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.SourceLocation;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema names marked {@code @unconfirmed} that one query relies on: fields (and the types they
 * belong to or return as an enum), arguments, input fields and enum values written in the query.
 * Each is one {@code file:line: Name: note} line, at the first line of the query that uses it.
 */
final class UnconfirmedNames {
    static final String DIRECTIVE = "unconfirmed";

    private final Path file;
    /** Name to its line; the first use wins. */
    private final Map<String, String> found = new LinkedHashMap<>();

    private UnconfirmedNames(Path file) {
        this.file = file;
    }

    /** The query must be valid against the schema (the traversal needs every name resolved). */
    static List<String> in(GraphQLSchema schema, Path file, Document query) {
        UnconfirmedNames names = new UnconfirmedNames(file);
        QueryTraverser.newQueryTraverser().schema(schema).document(query)
                .coercedVariables(CoercedVariables.of(everySelectionIncluded(query))).build()
                .visitPreOrder(names.new Visitor());
        return List.copyOf(names.found.values());
    }

    /** Values for the variables of {@code @include(if:)} / {@code @skip(if:)}, so that every selection is walked. */
    private static Map<String, Object> everySelectionIncluded(Document query) {
        Map<String, Object> conditions = new HashMap<>();
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitDirective(Directive d, TraverserContext<Node> context) {
                boolean include = d.getName().equals("include");
                if ((include || d.getName().equals("skip")) && d.getArgument("if") != null
                        && d.getArgument("if").getValue() instanceof VariableReference v) {
                    conditions.put(v.getName(), include);
                }
                return TraversalControl.CONTINUE;
            }
        }, query.getChildren());
        return conditions;
    }

    private final class Visitor extends QueryVisitorStub {
        @Override
        public void visitField(QueryVisitorFieldEnvironment env) {
            if (env.isTypeNameIntrospectionField()) {
                return;
            }
            Node<?> at = env.getField();
            String field = env.getFieldsContainer().getName() + "." + env.getFieldDefinition().getName();
            note(at, field, env.getFieldDefinition());
            if (env.getFieldsContainer() instanceof GraphQLDirectiveContainer type) {
                note(at, type.getName(), type);
            }
            if (GraphQLTypeUtil.unwrapAll(env.getFieldDefinition().getType()) instanceof GraphQLEnumType values) {
                note(at, field + " returns " + values.getName(), values);
            }
        }

        @Override
        public TraversalControl visitArgument(QueryVisitorFieldArgumentEnvironment env) {
            Node<?> at = env.getArgument();
            String field = env.getParentEnvironment().getFieldsContainer().getName() + "." + env.getFieldDefinition().getName();
            note(at, field + "(" + env.getGraphQLArgument().getName() + ")", env.getGraphQLArgument());
            noteType(at, env.getGraphQLArgument().getType());
            enumValues(at, env.getArgument().getValue(), env.getGraphQLArgument().getType());
            return TraversalControl.CONTINUE;
        }

        @Override
        public TraversalControl visitArgumentValue(QueryVisitorFieldArgumentValueEnvironment env) {
            var input = env.getArgumentInputValue();
            if (input.getInputValueDefinition() instanceof GraphQLInputObjectField field && input.getParent() != null
                    && GraphQLTypeUtil.unwrapAll(input.getParent().getInputType()) instanceof GraphQLInputObjectType owner) {
                Node<?> at = input.getValue();
                note(at, owner.getName() + "." + field.getName(), field);
                noteType(at, field.getType());
                enumValues(at, input.getValue(), field.getType());
            }
            return TraversalControl.CONTINUE;
        }
    }

    /** An input type (input object or enum) marked as a whole. */
    private void noteType(Node<?> at, GraphQLType type) {
        if (GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLDirectiveContainer named) {
            note(at, named.getName(), named);
        }
    }

    /** Enum values written in the query (a variable's value is not known here). */
    private void enumValues(Node<?> at, Value<?> value, GraphQLType type) {
        if (!(GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLEnumType enumType)) {
            return;
        }
        List<Value> values = value instanceof ArrayValue list ? list.getValues() : List.of(value);
        for (Value<?> v : values) {
            if (v instanceof EnumValue e && enumType.getValue(e.getName()) != null) {
                GraphQLEnumValueDefinition definition = enumType.getValue(e.getName());
                note(e, enumType.getName() + "." + e.getName(), definition);
            }
        }
    }

    private void note(Node<?> at, String name, GraphQLDirectiveContainer definition) {
        GraphQLAppliedDirective mark = definition.getAppliedDirective(DIRECTIVE);
        if (mark == null) {
            return;
        }
        Object note = mark.getArgument("note") == null ? null : mark.getArgument("note").getValue();
        SourceLocation where = at.getSourceLocation();
        found.putIfAbsent(name, file + ":" + (where == null ? 1 : where.getLine()) + ": " + name + ": "
                + (note == null ? "not in Centra's documentation" : note));
    }
}
