package io.centrasync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Load-time validation of the YAML itself: every problem reported, each with the right file:line. */
class ValidationTest {
    @TempDir
    Path dir;

    /** Problems of loading {@code yaml} (with {@link Fixtures#QUERY} as m.graphql), file names relative to dir. */
    List<String> problems(String yaml) {
        return problems(yaml, Fixtures.QUERY);
    }

    List<String> problems(String yaml, String query) {
        Path file = Fixtures.write(dir, "m", yaml, query);
        MappingException e = Fixtures.loadFails(file);
        assertEquals(String.join("\n", e.problems()), e.getMessage());
        String prefix = dir + java.io.File.separator;
        return e.problems().stream().map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p).toList();
    }

    /** Problems of header + body (the body starts at line 11). */
    List<String> bodyProblems(String body) {
        return problems(Fixtures.header("m") + body);
    }

    @Test
    void reportsEveryProblemOfAFileWithItsLine() {
        assertEquals(List.of(
                "m.yaml:6: unknown paging style 'cursr' (did you mean 'cursor'?); use cursor (Relay connection:"
                        + " first/after) or page (limit/page list)",
                "m.yaml:7: source.paging.size must be a whole number, not 'many'",
                "m.yaml:11: source.incremental.lookback '10 minutes' is not an ISO-8601 duration (e.g. PT10M, PT1H, P1D)",
                "m.yaml:12: timezone 'Mars/Olympus' is not a time zone (use e.g. Europe/Stockholm or UTC)",
                "m.yaml:14: key column 'nope' is not a column of table orders",
                "m.yaml:15: unknown key 'colums' in the mapping (did you mean 'columns'?)",
                "m.yaml:17: unknown key 'requried' in column id (did you mean 'required'?)",
                "m.yaml:18: column name 'order' is an SQL reserved word; pick another name (e.g. 'order_')",
                "m.yaml:19: unknown type 'integer' of column number (did you mean 'int'?)",
                "m.yaml:20: column total: required must be true or false, not 'yes'",
                "m.yaml:21: column label: invalid JSONata expression: Expected \")\" before end of expression",
                "m.yaml:22: column both needs exactly one of path, attribute or expr (it has 2)",
                "m.yaml:23: duplicate column 'id' in table orders (first at line 17)",
                "m.yaml:24: default of column paid: cannot convert 'maybe' to boolean",
                "m.yaml:26: table name 'Order_Lines' is not a valid SQL name (lower-case letters, digits and _, not"
                        + " starting with a digit)",
                "m.yaml:27: table Order_Lines: path 'lines' must end with [] (one row per list element), e.g. lines[]"),
                problems("""
                        entity: orders
                        source:
                          query: m.graphql
                          records: data.orderConnection.edges[].node
                          paging:
                            style: cursr
                            size: many
                          incremental:
                            field: updatedAt
                            variable: since
                            lookback: 10 minutes
                        timezone: Mars/Olympus
                        table: orders
                        key: [id, nope]
                        colums: {}
                        columns:
                          id: {path: id, requried: true}
                          order: status
                          number: {path: number, type: integer}
                          total: {path: grandTotal.value, type: decimal, required: yes}
                          label: {expr: "$string(("}
                          both: {path: id, expr: "id"}
                          id: id
                          paid: {path: paid, type: boolean, default: maybe}
                        children:
                          - table: Order_Lines
                            path: lines
                            key: [order_id, line_id]
                            columns:
                              line_id: ^^id
                        """));
    }

    @Test
    void unknownKeysInEveryBlock() {
        assertEquals(List.of(
                "m.yaml:3: unknown key 'querry' in source (did you mean 'query'?)",
                "m.yaml:6: unknown key 'pageinfo' in source.paging (did you mean 'pageInfo'?)",
                "m.yaml:9: unknown key 'lookbak' in source.incremental (did you mean 'lookback'?)",
                "m.yaml:17: unknown key 'parentkey' in a child table (did you mean 'parentKey'?)",
                "m.yaml:18: unknown key 'ordering' in a child table (allowed: table, path, parentKey, position, key,"
                        + " columns)"),
                problems("""
                        entity: m
                        source:
                          querry: x
                          query: m.graphql
                          records: data.orderConnection.edges[].node
                          paging: {style: cursor, pageinfo: data.orderConnection.pageInfo}
                          incremental:
                            field: updatedAt
                            lookbak: PT1M
                            variable: since
                        table: orders
                        key: [id]
                        columns:
                          id: id
                        children:
                          - table: lines
                            parentkey: order_id
                            ordering: 1
                            path: lines[]
                            position: n
                        """));
    }

    @Test
    void yamlSyntaxErrorHasItsLine() {
        List<String> p = problems("""
                entity: orders
                source:
                  query: m.graphql
                  records: [data.orderConnection
                table: orders
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches("m\\.yaml:[45]: YAML syntax error: .*"), p.get(0));
    }

    @Test
    void missingRequiredKeys() {
        assertEquals(List.of(
                "m.yaml:1: missing required key 'entity' in the mapping",
                "m.yaml:1: missing required key 'table' in the mapping",
                "m.yaml:1: missing required key 'key' in the mapping",
                "m.yaml:1: missing required key 'columns' in the mapping",
                "m.yaml:2: missing required key 'records' in source",
                "m.yaml:2: the query in m.graphql requires $first (non-null, no default) but this mapping never"
                        + " fills it; declare it in source.paging or source.incremental, or give it a default in the query"),
                problems("""
                        source:
                          query: m.graphql
                        """));
        assertEquals(List.of("m.yaml:1: missing required key 'source' in the mapping"),
                problems("""
                        entity: orders
                        table: orders
                        key: [id]
                        columns:
                          id: id
                        """));
        assertEquals(List.of("m.yaml:1: the mapping file is empty"), problems("# nothing here\n"));
    }

    @Test
    void valueKindsAreChecked() {
        assertEquals(List.of(
                "m.yaml:11: the mapping must be a mapping (key: value lines), not a list"),
                problems("- entity: orders\n".repeat(1).replace("- entity", "\n".repeat(10) + "- entity")));
        assertEquals(List.of(
                "m.yaml:12: table orders key must be a list of names, like [id], not a mapping",
                "m.yaml:14: column a must be a path (like grandTotal.value) or {path: ..., type: ...}, not a list",
                "m.yaml:15: default of column b must be a single value, not a list",
                "m.yaml:16: map of column c must be a mapping of source value: column value, not 'x'",
                "m.yaml:17: mapStrict of column d needs a map:",
                "m.yaml:18: children must be a list of tables (lines starting with '- table:'), not a mapping"),
                bodyProblems("""
                        table: orders
                        key: {id: 1}
                        columns:
                          a: [id]
                          b: {path: id, default: [1]}
                          c: {path: id, map: x}
                          d: {path: id, mapStrict: true}
                        children: {table: x}
                        """));
    }

    @Test
    void historyTakesDurationsAndASqlName() {
        assertEquals(List.of(
                "m.yaml:17: history.every 'daily' is not an ISO-8601 duration (e.g. P1D, PT12H, P400D)",
                "m.yaml:18: history.keep must be above zero"),
                bodyProblems("""
                        table: orders
                        key: [id]
                        columns:
                          id: id
                        history:
                          table: orders_history
                          every: daily
                          keep: PT0S
                        """));
        assertEquals(List.of("m.yaml:16: history.table 'select' is an SQL reserved word; pick another name (e.g. 'select_')"),
                bodyProblems("""
                        table: orders
                        key: [id]
                        columns:
                          id: id
                        history:
                          table: select
                        """));
    }

    @Test
    void namesKeysAndDuplicates() {
        assertEquals(List.of(
                "m.yaml:12: key column 'id' is listed twice",
                "m.yaml:12: key column 'numbr' is not a column of table orders (did you mean 'number'?)",
                "m.yaml:16: column name '2nd' is not a valid SQL name (lower-case letters, digits and _, not starting"
                        + " with a digit)",
                "m.yaml:17: column name '" + "x".repeat(64) + "' must be 1 to 63 characters",
                "m.yaml:19: table 'orders' is written twice in this mapping",
                "m.yaml:23: column 'order_id' is filled automatically (parent key); remove it from columns",
                "m.yaml:25: position column 'select' is an SQL reserved word; pick another name (e.g. 'select_')",
                "m.yaml:26: key column 'line' is not a column of table lines (did you mean 'line_id'?)",
                "m.yaml:33: key column 'line_no' is not a column of table ok_lines (did you mean 'line_n'?)"),
                bodyProblems("""
                        table: orders
                        key: [id, id, numbr]
                        columns:
                          id: id
                          number: number
                          2nd: id
                          %s: id
                        children:
                          - table: orders
                            path: lines[]
                            key: [order_id]
                            columns:
                              order_id: id
                          - table: lines
                            position: select
                            key: [order_id, line]
                            path: lines[]
                            columns:
                              line_id: id
                          - table: ok_lines
                            path: lines[]
                            position: line_n
                            key: [order_id, line_no]
                        """.formatted("x".repeat(64))));
    }

    @Test
    void parentKeyMustMatchTheParentKey() {
        assertEquals(List.of("m.yaml:19: parentKey of table lines names 1 column(s) but table orders has a key of 2"
                        + " [id, number]"),
                bodyProblems("""
                        table: orders
                        key: [id, number]
                        columns:
                          id: id
                          number: number
                        children:
                          - table: lines
                            path: lines[]
                            parentKey: order_id
                            position: n
                        """));
    }

    @Test
    void pathSyntaxAndLevels() {
        assertEquals(List.of(
                "m.yaml:15: column a: path 'store..type' has an empty segment (two dots, or a dot at an end)",
                "m.yaml:16: column b: '[]' is only allowed in source.records and a child table's path; a column"
                        + " reads one value",
                "m.yaml:17: column c: '^' (enclosing element) only works in a child table's columns; here the record"
                        + " is the top",
                "m.yaml:18: column d: path 'store-type' : 'store-type' is not a GraphQL field name".replace(" :", ":"),
                "m.yaml:25: column up: path '^^id' goes up 2 level(s) but 'lines[]' has only 1 (use $. to read from"
                        + " the record)"),
                bodyProblems("""
                        table: orders
                        key: [id]
                        columns:
                          id: id
                          a: store..type
                          b: lines[].id
                          c: ^id
                          d: store-type
                        children:
                          - table: lines
                            path: lines[]
                            position: n
                            columns:
                              ok: ^id
                              up: ^^id
                        """));
    }

    @Test
    void defaultsAndMapTargetsMustConvertToTheColumnType() {
        assertEquals(List.of(
                "m.yaml:15: default of column n: cannot convert 'ten' to int",
                "m.yaml:17: map of column s: cannot convert 'later' to timestamp"),
                bodyProblems("""
                        table: orders
                        key: [id]
                        columns:
                          id: id
                          n: {path: number, type: int, default: ten}
                          s: {path: status, type: timestamp, map: {PENDING: "2024-01-01T00:00:00Z",
                                                                     CONFIRMED: later}}
                        """));
    }

    @Test
    void attributeSyntax() {
        assertEquals(List.of("m.yaml:15: column gift: attribute 'gift_wrap' must be attributeTypeName.elementKey,"
                        + " e.g. gift_wrap.message"),
                bodyProblems("""
                        table: orders
                        key: [id]
                        columns:
                          id: id
                          gift: {attribute: gift_wrap}
                        """));
    }

    @Test
    void loadAllSortsByEntityAndReportsEveryFile() throws Exception {
        Path good = Fixtures.write(dir, "zeta", Fixtures.header("zeta").replace("entity: zeta", "entity: alpha")
                + "table: a\nkey: [id]\ncolumns:\n  id: id\n", Fixtures.QUERY);
        Fixtures.write(dir, "beta", Fixtures.header("beta") + "table: b\nkey: [id]\ncolumns:\n  id: id\n", Fixtures.QUERY);
        List<EntityMapping> all = MappingLoader.loadAll(dir);
        assertEquals(List.of("alpha", "beta"), all.stream().map(EntityMapping::entity).toList());
        assertEquals(good, all.get(0).file());

        Fixtures.write(dir, "gamma", Fixtures.header("gamma") + "table: g\nkey: [id]\ncolumns:\n  id: {path: id, typ: int}\n",
                Fixtures.QUERY);
        Fixtures.write(dir, "delta", Fixtures.header("beta") + "table: d\nkey: [id]\ncolums:\n  id: id\n", Fixtures.QUERY);
        Files.copy(dir.resolve("delta.graphql"), dir.resolve("beta.graphql"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        MappingException e = org.junit.jupiter.api.Assertions.assertThrows(MappingException.class, () -> MappingLoader.loadAll(dir));
        String prefix = dir + java.io.File.separator;
        assertEquals(List.of(
                "delta.yaml:1: missing required key 'columns' in table d",
                "delta.yaml:13: unknown key 'colums' in the mapping (did you mean 'columns'?)",
                "gamma.yaml:14: unknown key 'typ' in column id (did you mean 'type'?)"),
                e.problems().stream().map(p -> p.replace(prefix, "")).toList());
    }
}
