/**
 * A simulated Centra GraphQL Integration API for the connector's demo, tests and benchmarks.
 *
 * <p>Entry points: {@link io.centrasync.simulator.CentraSimulator#start(SimulatorConfig)} (embedded,
 * loopback only), {@link io.centrasync.simulator.CentraSimulator#runCli(String[])} (command line),
 * {@link io.centrasync.simulator.SimStore} (data, test hooks, domain records for assertions) and
 * {@link io.centrasync.simulator.FaultInjector}. The schema is {@code simulator/centra.graphqls} on the classpath.
 *
 * <p>Choices made where Centra's behaviour is not documented (see research/centra-api.md §10):
 * <ul>
 *   <li>Default order sort is {@code orderDate_DESC} (Centra's own connection example); default page size 20;
 *       {@code first}/{@code last}/{@code limit} must be 1-200, else a GraphQL error (HTTP 200).</li>
 *   <li>Only the first {@code sort} element is used; ties break on the order number (ids for POs/deliveries).
 *       Stock lists use the whole list (Centra's default is product, variant, size sort), ties broken by
 *       that default ({@link io.centrasync.simulator.StockOrder}).</li>
 *   <li>Cursors are base64 keysets, e.g. {@code orderDate:2025-06-25 17:50:30+02:00;number:166}; the offset keeps the
 *       autumn DST hour unambiguous. A cursor from another sort order is rejected. With a mutable sort key
 *       ({@code updatedAt}) a record changed during paging moves: with _ASC it shows up again later, with _DESC
 *       it is not seen again in that pass; no other record is ever skipped.</li>
 *   <li>{@code DateRange} bounds are inclusive; inputs without offset are Europe/Stockholm local time.</li>
 *   <li>403 body: {@code {"errors":[{"message":"Forbidden: ..."}]}}. 429 carries {@code Retry-After} in the
 *       configured {@link io.centrasync.simulator.RetryAfterFormat}. The {@code rateLimits} query costs like any other.</li>
 *   <li>Complexity: scalars 0 (non-FTA stock quantities 2), objects 1 + fields, lists × {@code limit}
 *       (its default if omitted, 10 if the field has none), connections × {@code first}/{@code last} (20 if omitted).</li>
 *   <li>Touching an order advances its status, cancels one unit, or (for final states) changes the internal comment.
 *       Adding a delivery or changing a delivery's status bumps its purchase order's {@code updatedAt}
 *       (deliveries have none). Stock is independent of purchase orders.</li>
 * </ul>
 */
package io.centrasync.simulator;
