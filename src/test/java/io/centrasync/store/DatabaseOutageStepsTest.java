package io.centrasync.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.MappedPage;
import io.centrasync.run.SyncRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every database step of a run (start, page write, recheck listing, end) waits out an outage, and
 * repeating a step, even one whose commit went through unacknowledged, changes nothing.
 */
class DatabaseOutageStepsTest {

    private HikariDataSource pool;
    private FlakyDataSource db;
    private EntityMapping orders;
    private Checkpoints checkpoints;
    private PageWriter writer;
    private final OutageRetry retry = new OutageRetry(
            new OutageRetry.Policy(Duration.ofSeconds(5), Duration.ofMillis(5), Duration.ofMillis(20)), () -> false);

    @BeforeEach
    void setUp() throws Exception {
        pool = DataSources.create("jdbc:h2:mem:outage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        db = new FlakyDataSource(pool);
        orders = MappingLoader.load(Path.of("mappings/default/orders.yaml"));
        SchemaManager schema = new SchemaManager(pool, new H2Dialect(), SystemTables.DEFAULT);
        schema.ensureSystemTables();
        schema.ensure(orders);
        checkpoints = new Checkpoints(db, new H2Dialect(), SystemTables.DEFAULT,
                new RunHistory(SystemTables.DEFAULT, java.time.Duration.ofMinutes(30)), new SnapshotTables(), retry);
        writer = new PageWriter(db, new H2Dialect(), checkpoints, new DeadLetters(SystemTables.DEFAULT), retry);
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    private long count(String sql) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final String ORDER = """
            {"__typename":"DirectToConsumerOrder","id":"c3d4","number":18,"status":"CONFIRMED",
             "createdAt":"2024-04-01T10:00:00+02:00","updatedAt":"2024-04-01T11:00:00+02:00",
             "store":{"type":"DIRECT_TO_CONSUMER"},"grandTotal":{"value":99.00,"currency":{"code":"EUR"}},
             "lines":[{"__typename":"ProductOrderLine","id":1,"quantity":1,"cancelledQuantity":0,"unitPrice":{"value":99.00},
                       "lineValue":{"value":99.00},"productSize":{"SKU":"S-2","EAN":"735"}}],
             "attributes":[]}
            """;

    private MappedPage page(String cursor) throws Exception {
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(ORDER);
        return new MappedPage(List.of(orders.mapper().map(json)), List.of(), cursor, true, null);
    }

    @Test
    void aRunStartsWritesAndEndsThroughRefusedAndBrokenConnections() throws Exception {
        db.refuseConnections.set(3);
        SyncRun run = checkpoints.begin("orders", orders, false);
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_id IS NOT NULL"));

        db.breakBeforeCommit.set(2);
        writer.write(run, page("cursor-1"));
        assertEquals(1, run.pages());
        assertEquals(1, count("SELECT COUNT(*) FROM orders"));
        assertEquals(1, count("SELECT COUNT(*) FROM order_lines"));
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_pages = 1 AND run_cursor = 'cursor-1'"));

        db.refuseConnections.set(2);
        db.breakBeforeCommit.set(1);
        checkpoints.complete(run);
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_id IS NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM sync_runs WHERE status = 'ok'"));
        assertEquals(0, db.refuseConnections.get() + db.breakBeforeCommit.get(), "every planned failure happened");
    }

    @Test
    void aCommitWhoseAcknowledgementWasLostIsRepeatedHarmlessly() throws Exception {
        SyncRun run = checkpoints.begin("orders", orders, false);
        db.breakAfterCommit.set(1);
        writer.write(run, page("cursor-1"));
        assertEquals(1, run.pages(), "counted once although written twice");
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_pages = 1 AND run_cursor = 'cursor-1'"));
        assertEquals(1, count("SELECT COUNT(*) FROM order_lines"));

        db.breakAfterCommit.set(1);
        checkpoints.complete(run); // the repeat finds the run already completed
        assertEquals(1, count("SELECT COUNT(*) FROM sync_runs WHERE status = 'ok'"));
        assertEquals(0, db.breakAfterCommit.get());
    }

    @Test
    void anOutageLongerThanTheBoundLeavesNothingOfThePage() throws Exception {
        OutageRetry shortBound = new OutageRetry(
                new OutageRetry.Policy(Duration.ofMillis(100), Duration.ofMillis(5), Duration.ofMillis(20)), () -> false);
        PageWriter impatient = new PageWriter(db, new H2Dialect(), checkpoints, new DeadLetters(SystemTables.DEFAULT), shortBound);
        SyncRun run = checkpoints.begin("orders", orders, false);
        db.breakBeforeCommit.set(Integer.MAX_VALUE);
        DatabaseOutageException e = assertThrows(DatabaseOutageException.class, () -> impatient.write(run, page("cursor-1")));
        assertTrue(e.getMessage().contains("sink.outage-timeout"), e.getMessage());
        db.breakBeforeCommit.set(0);
        assertEquals(0, run.pages());
        assertEquals(0, count("SELECT COUNT(*) FROM orders"));
        assertEquals(0, count("SELECT COUNT(*) FROM order_lines"));
        assertEquals(1, count("SELECT COUNT(*) FROM sync_state WHERE run_pages = 0 AND run_cursor IS NULL"));
    }

    @Test
    void theRecheckListingWaitsOutAnOutage() throws Exception {
        EntityMapping deliveries = MappingLoader.load(Path.of("mappings/default/purchase_order_deliveries.yaml"));
        new SchemaManager(pool, new H2Dialect(), SystemTables.DEFAULT).ensure(deliveries);
        db.refuseConnections.set(2);
        assertEquals(List.of(), new PendingRechecks(db, retry).batches(deliveries, java.time.Instant.now()));
        assertEquals(0, db.refuseConnections.get());
    }
}
