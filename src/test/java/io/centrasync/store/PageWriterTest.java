package io.centrasync.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappedRecord;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.DeadLetter;
import io.centrasync.run.MappedPage;
import io.centrasync.run.SyncRun;
import io.centrasync.testdb.PostgresWithoutTemporaryTables;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The page and its checkpoint commit together or not at all; on H2 and on PostgreSQL. */
class PageWriterTest {

    private TestDatabase db;
    private HikariDataSource ds;
    private EntityMapping mapping;
    private Checkpoints checkpoints;
    private PageWriter writer;

    static final String ORDER = """
            {"__typename":"DirectToConsumerOrder","id":"a1b2","number":17,"status":"CONFIRMED",
             "createdAt":"2024-03-31T01:30:00+01:00","updatedAt":"2024-03-31T03:30:00+02:00",
             "store":{"type":"DIRECT_TO_CONSUMER"},"grandTotal":{"value":1234.50,"currency":{"code":"SEK"}},
             "lines":[{"__typename":"ProductOrderLine","id":1,"quantity":2,"cancelledQuantity":0,"unitPrice":{"value":617.25},
                       "lineValue":{"value":1234.50},"productSize":{"SKU":"S-1","EAN":null}}],
             "attributes":[{"type":{"name":"gift_wrap"},"elements":[{"key":"message","value":"Grattis på födelsedagen \\"Åsa\\""}]}]}
            """;

    private void open(TestDatabase.Kind kind) throws Exception {
        open(kind, Path.of("mappings/default/orders.yaml"));
    }

    private void open(TestDatabase.Kind kind, Path mappingFile) throws Exception {
        db = kind.open();
        use(db.dataSource(2), db.jdbcUrl(), mappingFile);
    }

    private void use(HikariDataSource dataSource, String jdbcUrl, Path mappingFile) throws Exception {
        ds = dataSource;
        mapping = MappingLoader.load(mappingFile);
        Dialect dialect = Dialect.forJdbcUrl(jdbcUrl);
        SchemaManager schema = new SchemaManager(ds, dialect, SystemTables.DEFAULT);
        schema.ensureSystemTables();
        schema.ensure(mapping); // a snapshot entity's staging tables too
        checkpoints = new Checkpoints(ds, dialect, SystemTables.DEFAULT,
                new RunHistory(SystemTables.DEFAULT, java.time.Duration.ofMinutes(30)), new SnapshotTables());
        writer = new PageWriter(ds, dialect, checkpoints, new DeadLetters(SystemTables.DEFAULT));
    }

    @AfterEach
    void tearDown() {
        if (ds != null) {
            ds.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private MappedRecord record() throws Exception {
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(ORDER);
        return mapping.mapper().map(json);
    }

    private long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aFailingCheckpointLeavesNeitherRowsNorCheckpoint(TestDatabase.Kind kind) throws Exception {
        open(kind);
        SyncRun run = checkpoints.begin("orders", mapping, false);
        // another process takes over the entity between our rows and our checkpoint
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE sync_state SET run_id = 'someone-else'");
        }
        MappedPage page = new MappedPage(List.of(record()), List.of(new DeadLetter("x9", "bad", "{}")), "cursor-1", true, null);
        assertThrows(SinkException.class, () -> writer.write(run, page));
        assertEquals(0, count("SELECT COUNT(*) FROM orders"));
        assertEquals(0, count("SELECT COUNT(*) FROM order_lines"));
        assertEquals(0, count("SELECT COUNT(*) FROM order_attributes"));
        assertEquals(0, count("SELECT COUNT(*) FROM dead_letter"));
        assertEquals(0, count("SELECT COUNT(*) FROM sync_state WHERE run_cursor IS NOT NULL"));
        assertEquals(0, run.pages());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aPageCommitsRowsChildRowsDeadLettersAndCheckpointTogether(TestDatabase.Kind kind) throws Exception {
        open(kind);
        SyncRun run = checkpoints.begin("orders", mapping, false);
        writer.write(run, new MappedPage(List.of(record()), List.of(new DeadLetter("x9", "bad", "{}")), "cursor-1", true, null));
        assertEquals(1, count("SELECT COUNT(*) FROM orders WHERE id = 'a1b2' AND grand_total = 1234.5"));
        assertEquals(1, count("SELECT COUNT(*) FROM order_lines WHERE order_id = 'a1b2' AND ean IS NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM order_attributes WHERE element_value = 'Grattis på födelsedagen \"Åsa\"'"));
        assertEquals(1, count("SELECT COUNT(*) FROM dead_letter WHERE record_key = 'x9'"));
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_cursor = 'cursor-1' AND run_pages = 1"));
        assertEquals(1, run.written());

        // the same record again, on two pages that waited and are written together: recognised as unchanged, not
        // rewritten; the checkpoint counts both pages
        writer.write(run, new MappedPage(List.of(record()), List.of(), "cursor-2", true, null)
                .followedBy(new MappedPage(List.of(), List.of(), "cursor-3", false, null)));
        assertEquals(0, run.written() - 1);
        assertEquals(1, run.unchanged());
        assertEquals(3, run.pages());
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_cursor = 'cursor-3' AND run_pages = 3"));
        assertEquals(1, count("SELECT COUNT(*) FROM order_lines"));
        checkpoints.complete(run);
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_id IS NULL AND run_cursor IS NULL"));
        assertNull(checkpoints.watermark("orders"), "no record carried an updatedAt in this page");
    }

    /**
     * Three orders of 123 whose lines repeat an id: the database refuses the page, the writer finds those three
     * (halving the page under savepoints), files them as dead letters with the database's reason, and commits the
     * other 120 with the checkpoint. A dead letter of an order that is fine now is resolved as usual.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void recordsTheDatabaseRefusesBecomeDeadLettersAndTheRestCommits(TestDatabase.Kind kind) throws Exception {
        open(kind);
        SyncRun run = checkpoints.begin("orders", mapping, false);
        writer.write(run, new MappedPage(List.of(), List.of(new DeadLetter("o7", "bad before", "{}")), "cursor-1", true, null));
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        List<Integer> refused = List.of(3, 64, 120);
        List<MappedRecord> records = new java.util.ArrayList<>();
        for (int i = 1; i <= 123; i++) {
            String lines = refused.contains(i) ? "{\"id\":5,\"quantity\":1},{\"id\":5,\"quantity\":2}" : "{\"id\":5,\"quantity\":1}";
            String order = ORDER.replace("\"a1b2\"", "\"o" + i + "\"").replace("\"number\":17", "\"number\":" + i)
                    .replaceFirst("(?s)\"lines\":\\[.*?\\}\\}\\]", "\"lines\":[" + lines + "]");
            records.add(mapping.mapper().map(json.readTree(order)));
        }
        writer.write(run, new MappedPage(records, List.of(), "cursor-2", true, null));

        assertEquals(120, count("SELECT COUNT(*) FROM orders"));
        assertEquals(120, count("SELECT COUNT(*) FROM order_lines"));
        assertEquals(0, count("SELECT COUNT(*) FROM orders WHERE id IN ('o3', 'o64', 'o120')"));
        assertEquals(3, count("SELECT COUNT(*) FROM dead_letter WHERE record_key IN ('o3', 'o64', 'o120')"
                + " AND reason LIKE 'the database refused it: %'"));
        assertEquals(3, count("SELECT COUNT(*) FROM dead_letter"), "o7's letter is resolved, the three refused are filed");
        assertEquals(1, count("SELECT COUNT(*) FROM dead_letter WHERE record_key = 'o64' AND payload LIKE '%\"number\":64%'"));
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_cursor = 'cursor-2' AND run_pages = 2"));
        assertEquals(4, run.deadLetters());
        assertEquals(120, run.written());
    }

    /**
     * A page of 123 orders (two statements of 50 rows, then 23 one-row statements) with 0-3 lines each, then the
     * same orders with a line more each: every value lands in its own row and column, whichever statement wrote
     * it, and the old lines are gone.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void rowsWrittenManyToAStatementLandInTheirOwnRows(TestDatabase.Kind kind) throws Exception {
        open(kind);
        writeAndCheckNumberedOrders();
    }

    /**
     * PostgreSQL whose users may not create temporary tables: pages go through the batched multi-row
     * statements instead of COPY, and land the same, a changed record's lines replaced.
     */
    @Test
    void withoutTemporaryTablesPostgresGetsTheBatchedStatements() throws Exception {
        try (PostgresWithoutTemporaryTables locked = PostgresWithoutTemporaryTables.create()) {
            use(locked.dataSource(), locked.jdbcUrl(), Path.of("mappings/default/orders.yaml"));
            try {
                assertEquals(0, count("SELECT CASE WHEN has_database_privilege(current_database(), 'TEMPORARY') THEN 1 ELSE 0 END"));
                writeAndCheckNumberedOrders();
            } finally {
                ds.close();
                ds = null;
            }
        }
    }

    /** Writes 123 numbered orders with 0-3 lines each, then the same with one line more each, and checks every row. */
    private void writeAndCheckNumberedOrders() throws Exception {
        SyncRun run = checkpoints.begin("orders", mapping, false);
        int lines = writeNumberedOrders(run, 0, "cursor-1");
        assertEquals(123, run.written());
        assertNumberedOrders(lines);
        lines = writeNumberedOrders(run, 1, "cursor-2");
        assertEquals(246, run.written());
        assertNumberedOrders(lines);
    }

    /** Orders o1..o123, order i with {@code i % 4 + extraLines} lines; returns the number of lines. */
    private int writeNumberedOrders(SyncRun run, int extraLines, String cursor) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        List<MappedRecord> records = new java.util.ArrayList<>();
        int lines = 0;
        for (int i = 1; i <= 123; i++) {
            StringBuilder l = new StringBuilder();
            for (int j = 1; j <= i % 4 + extraLines; j++, lines++) {
                l.append(j == 1 ? "" : ",").append("{\"id\":").append(i * 10 + j).append(",\"quantity\":").append(j)
                        .append(",\"productSize\":{\"SKU\":\"S-").append(i).append('-').append(j).append("\"}}");
            }
            String order = ORDER.replace("\"a1b2\"", "\"o" + i + "\"").replace("\"number\":17", "\"number\":" + i)
                    .replace("1234.50,\"currency\"", i + ".25,\"currency\"")
                    .replaceFirst("(?s)\"lines\":\\[.*?\\}\\}\\]", "\"lines\":[" + l + "]");
            records.add(mapping.mapper().map(json.readTree(order)));
        }
        writer.write(run, new MappedPage(records, List.of(), cursor, true, null));
        return lines;
    }

    private void assertNumberedOrders(int lines) throws Exception {
        assertEquals(123, count("SELECT COUNT(*) FROM orders WHERE id = CONCAT('o', CAST(number AS VARCHAR(20)))"
                + " AND grand_total = number + 0.25 AND currency = 'SEK'"));
        assertEquals(lines, count("SELECT COUNT(*) FROM order_lines"));
        assertEquals(lines, count("SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                + " WHERE l.line_id = o.number * 10 + l.quantity AND l.sku = CONCAT('S-', CAST(o.number AS VARCHAR(20)), '-',"
                + " CAST(l.quantity AS VARCHAR(20)))"));
        assertEquals(123, count("SELECT COUNT(*) FROM order_attributes"));
    }

    /** Key values read back from the database must compare equal to the mapper's, whatever the driver returns. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aTimestampKeyIsRecognisedAsUnchanged(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        Files.copy(Path.of("mappings/default/orders.graphql"), dir.resolve("orders.graphql"));
        String yaml = Files.readString(Path.of("mappings/default/orders.yaml"));
        Files.writeString(dir.resolve("orders.yaml"), yaml.substring(0, yaml.indexOf("children:")).replace("key: [id]", "key: [id, created_at]"));
        open(kind, dir.resolve("orders.yaml"));
        SyncRun run = checkpoints.begin("orders", mapping, false);
        writer.write(run, new MappedPage(List.of(record()), List.of(), "cursor-1", true, null));
        writer.write(run, new MappedPage(List.of(record()), List.of(), "cursor-2", false, null));
        assertEquals(1, run.written());
        assertEquals(1, run.unchanged(), "the stored key (a time zone timestamp) matched the mapped one");
    }

    private MappedRecord stock(int warehouse, int productSize, int quantity) throws Exception {
        String json = """
                {"warehouse":{"id":%d,"name":"Main"},"productSize":{"id":%d,"SKU":"S-%d","EAN":null},"physicalQuantity":%d}
                """.formatted(warehouse, productSize, productSize, quantity);
        return mapping.mapper().map(new ObjectMapper().readTree(json));
    }

    /** Three writes of two stock rows (composite key): new, the same again, one quantity changed. */
    private static final int[][] STOCK_QUANTITIES = {{7, 9}, {7, 9}, {7, 10}};
    /** What each of those writes changed and left unchanged. */
    private static final int[][] STOCK_CHANGED = {{2, 0}, {0, 2}, {1, 1}};

    private List<MappedRecord> stockWrite(int i) throws Exception {
        return List.of(stock(3, 41, STOCK_QUANTITIES[i][0]), stock(3, 42, STOCK_QUANTITIES[i][1]));
    }

    /**
     * A snapshot entity with a composite key (two int columns): each snapshot is staged and published,
     * and the publication recognises the same records as unchanged and a changed one as written.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aSnapshotWithACompositeKeyCountsWhatItsPublicationChanged(TestDatabase.Kind kind) throws Exception {
        open(kind, Path.of("mappings/default/inventory.yaml"));
        for (int i = 0; i < STOCK_QUANTITIES.length; i++) {
            SyncRun run = checkpoints.begin("inventory", mapping, false);
            writer.write(run, new MappedPage(stockWrite(i), List.of(), null, false, null));
            checkpoints.complete(run);
            assertEquals(STOCK_CHANGED[i][0], run.written(), "snapshot " + (i + 1) + " written");
            assertEquals(STOCK_CHANGED[i][1], run.unchanged(), "snapshot " + (i + 1) + " unchanged");
        }
        assertEquals(1, count("SELECT COUNT(*) FROM stock WHERE product_size_id = 42 AND physical_quantity = 10"));
        assertEquals(2, count("SELECT COUNT(*) FROM stock"));
    }

    /**
     * A table without child tables (here stock, written as live rows): PostgreSQL counts what changed from
     * the upsert's update count, without returning the keys; H2 from the stored hashes.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aTableWithoutChildrenCountsOnlyTheRowsThatChanged(TestDatabase.Kind kind) throws Exception {
        open(kind, Path.of("mappings/default/inventory.yaml"));
        for (int i = 0; i < STOCK_QUANTITIES.length; i++) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                PageWriter.Written written = writer.writeRecords(c, mapping, stockWrite(i), PageWriter.Destination.LIVE);
                c.commit();
                assertEquals(new PageWriter.Written(STOCK_CHANGED[i][0], STOCK_CHANGED[i][1]), written, "write " + (i + 1));
            }
        }
        assertEquals(1, count("SELECT COUNT(*) FROM stock WHERE product_size_id = 42 AND physical_quantity = 10"));
    }

    /** PostgreSQL rejects NUL in text: such a value must not stop the entity (on H2 it is stored the same way). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aNulCharacterIsStoredAsTheReplacementCharacter(TestDatabase.Kind kind) throws Exception {
        open(kind);
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(ORDER.replace("\"CONFIRMED\"", "\"CONF\\u0000IRMED\""));
        SyncRun run = checkpoints.begin("orders", mapping, false);
        writer.write(run, new MappedPage(List.of(mapping.mapper().map(json)), List.of(), "cursor-1", false, null));
        assertEquals(1, count("SELECT COUNT(*) FROM orders WHERE status = 'CONF\uFFFDIRMED'"));
    }

    /**
     * Text that COPY's text format would misread (tab, newline, carriage return, backslash, a literal \N)
     * and every column type arrive unchanged; a changed record replaces its child rows.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void everyTypeAndAwkwardTextArriveUnchanged(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        Files.copy(Path.of("mappings/default/purchase_orders.graphql"), dir.resolve("purchase_orders.graphql"));
        Files.writeString(dir.resolve("purchase_orders.yaml"), Files.readString(Path.of("mappings/default/purchase_orders.yaml"))
                .replace("  our_reference: ourReference\n", """
                          our_reference: ourReference
                          created_on:    {path: createdAt, type: date}
                          received:      {expr: "status = 'RECEIVED'", type: boolean}
                          lines_json:    {path: lines, type: json}
                        """));
        open(kind, dir.resolve("purchase_orders.yaml"));
        String awkward = "tab\there\nline two\\N back\\slash\r end";
        String po = """
                {"id":7,"status":"RECEIVED","createdAt":"2024-03-31T01:30:00+01:00","updatedAt":"2024-03-31T03:30:00+02:00",
                 "ETA":null,"ourReference":%s,"currency":{"code":"SEK"},"supplier":{"id":3,"name":"\\\\N"},"preferredWarehouse":null,
                 "lines":[{"quantity":2,"linkedQuantity":0,"unlinkedQuantity":2,"unitCost":{"value":12345678901234.5678},
                           "productSize":{"id":9,"SKU":"A\\tB"}},
                          {"quantity":1,"linkedQuantity":null,"unlinkedQuantity":null,"unitCost":null,"productSize":null}]}
                """;
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        SyncRun run = checkpoints.begin("purchase_orders", mapping, false);
        String reference = json.writeValueAsString(awkward);
        writer.write(run, new MappedPage(List.of(mapping.mapper().map(json.readTree(po.formatted(reference)))), List.of(), "c1", true, null));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT our_reference, supplier_name, supplier_id, warehouse_id, eta, created_on, received,"
                     + " created_at, lines_json FROM purchase_orders WHERE id = 7")) {
            rs.next();
            assertEquals(awkward, rs.getString(1));
            assertEquals("\\N", rs.getString(2), "a literal backslash-N is text, not NULL");
            assertEquals(3L, rs.getLong(3));
            assertNull(rs.getObject(4));
            assertNull(rs.getObject(5));
            assertEquals(java.time.LocalDate.of(2024, 3, 31), rs.getObject(6, java.time.LocalDate.class));
            assertEquals(true, rs.getBoolean(7));
            assertEquals(java.time.Instant.parse("2024-03-31T00:30:00Z"), rs.getObject(8, java.time.OffsetDateTime.class).toInstant());
            assertEquals(json.readTree(po.formatted(reference)).get("lines"), json.readTree(rs.getString(9)));
        }
        assertEquals(1, count("SELECT COUNT(*) FROM purchase_order_lines WHERE sku = 'A\tB' AND unit_cost = 12345678901234.5678"));
        assertEquals(1, count("SELECT COUNT(*) FROM purchase_order_lines WHERE sku IS NULL AND unit_cost IS NULL AND quantity = 1"));

        // unchanged: not rewritten; changed (one line fewer): its child rows are replaced
        writer.write(run, new MappedPage(List.of(mapping.mapper().map(json.readTree(po.formatted(reference)))), List.of(), "c2", true, null));
        assertEquals(1, run.unchanged());
        String oneLine = po.formatted(reference).replaceAll(",\\s*\\{\"quantity\":1.*\\}\\]", "]");
        writer.write(run, new MappedPage(List.of(mapping.mapper().map(json.readTree(oneLine))), List.of(), "c3", false, null));
        assertEquals(2, run.written());
        assertEquals(1, count("SELECT COUNT(*) FROM purchase_order_lines"));
    }
}
