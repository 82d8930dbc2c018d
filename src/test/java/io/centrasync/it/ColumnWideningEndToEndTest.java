package io.centrasync.it;

import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mapped type changed to a wider one widens the column; a change of kind stops the start, and dlq list still works. */
class ColumnWideningEndToEndTest {

    private static final String GRAND_TOTAL_DECIMAL = "{path: grandTotal.value, type: decimal, required: true}";

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void anIntColumnMappedAsDecimalIsWidenedAndItsDeadLettersReplayExact(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        Path mappings = ValidateCommandTest.defaultsWith(dir, "orders.yaml", GRAND_TOTAL_DECIMAL,
                "{path: grandTotal.value, type: int, required: true}");
        try (SyncHarness h = new SyncHarness(120, mappings.toString(), kind.open()); LogCapture log = LogCapture.begin()) {
            Map<String, String> env = env(h, mappings);
            CommandLineTest.cli(env, "sync", "orders");
            assertEquals(Types.INTEGER, columnType(h, "orders", "grand_total"));
            assertTrue(h.count("dead_letter") > 0, "totals with cents cannot be mapped as int");

            replace(mappings.resolve("orders.yaml"), "{path: grandTotal.value, type: int, required: true}", GRAND_TOTAL_DECIMAL);
            CommandLineTest.Result sync = CommandLineTest.cli(env, "sync", "orders");
            assertEquals(0, sync.code(), sync.all());
            assertTrue(Set.of(Types.NUMERIC, Types.DECIMAL).contains(columnType(h, "orders", "grand_total")));
            assertEquals(1, log.containing("table orders: widened column grand_total from INTEGER").size(), log.lines().toString());

            CommandLineTest.Result replay = CommandLineTest.cli(env, "dlq", "replay");
            assertEquals(0, replay.code(), replay.all());
            assertEquals(0, h.count("dead_letter"));
            Expected.assertDatabaseEqualsSource(h);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aTextColumnMappedAsIntStopsWithOneLineWhileDlqListStillWorks(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        Path mappings = DeadLetterEndToEndTest.strictMapping(dir.resolve("m"));
        try (SyncHarness h = new SyncHarness(120, mappings.toString(), kind.open())) {
            Map<String, String> env = env(h, mappings);
            assertEquals(3, CommandLineTest.cli(env, "sync", "orders").code(), "orders without internal comment are dead letters");
            long deadLetters = h.count("dead_letter");

            replace(mappings.resolve("orders.yaml"), "  currency:    grandTotal.currency.code",
                    "  currency:    {path: grandTotal.currency.code, type: int}");
            CommandLineTest.Result sync = CommandLineTest.cli(env, "sync", "orders");
            assertEquals(2, sync.code(), sync.all());
            assertEquals(1, sync.err().strip().lines().count(), sync.err());
            assertTrue(sync.err().contains("table orders: column currency exists with JDBC type VARCHAR, which cannot hold the mapped"
                    + " type int") && sync.err().contains("migrate the column yourself"), sync.err());
            assertEquals(Types.VARCHAR, columnType(h, "orders", "currency"), "nothing was altered");

            CommandLineTest.Result list = CommandLineTest.cli(env, "dlq", "list");
            assertEquals(0, list.code(), list.all());
            assertTrue(list.out().contains(deadLetters + " dead letter(s)"), list.out());
        }
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static int columnType(SyncHarness h, String table, String column) throws SQLException {
        try (Connection c = h.database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0")) {
            return rs.getMetaData().getColumnType(1);
        }
    }

    private static Map<String, String> env(SyncHarness h, Path mappings) {
        Map<String, String> env = new HashMap<>(SystemTablePrefixTest.env(h));
        env.put("MAPPINGS_DIR", mappings.toString());
        return env;
    }
}
