/**
 * Per-customer mapping files: Centra GraphQL records → SQL rows.
 *
 * <p>Each entity has {@code mappings/<customer>/<entity>.graphql} (the query, sent as is) and
 * {@code <entity>.yaml}, read top to bottom like a declarative connector manifest:
 *
 * <pre>
 * entity: orders
 * source:
 *   query: orders.graphql
 *   records: data.orderConnection.edges[].node        # [] = iterate a list
 *   paging: {style: cursor, pageInfo: data.orderConnection.pageInfo, sizeVariable: first, cursorVariable: after, size: 100}
 *   incremental: {field: updatedAt, variable: updatedSince, lookback: PT10M}
 * timezone: UTC                                         # for timestamps written without an offset
 * table: orders
 * key: [id]
 * columns:
 *   id: {path: id, required: true}
 *   status: status                                      # bare string = path, type string
 *   store_type: {path: store.type, map: {DIRECT_TO_CONSUMER: DTC}, mapStrict: false}
 *   gift_message: {attribute: gift_wrap.message}        # custom attribute type name . element key
 *   label: {expr: "$string(number) &amp; '/' &amp; status"}     # JSONata, compiled once
 *   comment: {path: [internalComment, otherComment], default: ""}   # a list = first non-null
 * children:
 *   - table: order_lines
 *     path: lines[]                                     # one row per element; may cross several lists
 *     parentKey: order_id                               # default singular(parent table)_key
 *     position: line_no                                 # optional 1-based index column
 *     key: [order_id, line_id]                          # default [parentKey..., position]
 *     columns:
 *       line_id: {path: id, type: long}
 *       attribute_type: ^type.name                      # ^ = enclosing element, $. = the record
 * </pre>
 *
 * <p>Types: string, int, long, decimal, boolean, timestamp (UTC {@link java.time.OffsetDateTime}), date, json.
 * {@link io.centrasync.mapping.MappingLoader} validates everything at load (YAML, keys, names, types, JSONata,
 * query syntax, variables, and that every mapped path is selected by the query) and reports all problems as
 * {@code file:line: message}. {@link io.centrasync.mapping.RecordMapper} then maps records without parsing
 * anything per record.
 */
package io.centrasync.mapping;
