package io.centrasync.it;

import io.centrasync.cli.CentraSyncMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as scripts see it: exit codes and one clear line on bad input. */
class CommandLineTest {

    static SyncHarness harness;

    @BeforeAll
    static void start() {
        harness = new SyncHarness(120, "mappings/default");
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CentraSyncMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Map<String, String> env() {
        return env(harness);
    }

    /** A fresh in-memory database and one retry, against {@code h}'s simulator. */
    static Map<String, String> env(SyncHarness h) {
        Map<String, String> env = new HashMap<>();
        env.put("CENTRA_ENDPOINT", h.simulator.endpoint());
        env.put("CENTRA_TOKEN", SyncHarness.TOKEN);
        env.put("SINK_JDBC_URL", "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        env.put("CENTRA_RETRIES", "1");
        return env;
    }

    @Test
    void syncExitsZeroAndPrintsTheSummary() {
        Result r = cli(env(), "sync");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("orders") && r.out().contains("120"), r.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, cli(env()).code());
        Result unknown = cli(env(), "frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());
        Result entity = cli(env(), "sync", "returns");
        assertEquals(2, entity.code());
        assertTrue(entity.err().contains("unknown entity 'returns'"), entity.err());
        assertEquals(2, cli(env(), "sync", "--fast").code());
    }

    /**
     * Every command answers --help and -h on stdout with its usage, options and exit codes, even with a bad
     * setting; an unknown option is one line naming the command's valid ones, exit 2.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "demo      | --orders                                 | --orders",
            "sync      | --full --allow-shrink --store            | --full, --allow-shrink, --store",
            "run       | schedule --store                         | --store",
            "dlq list  | list replay --entity                     | --entity",
            "validate  | --schema                                 | --schema",
            "simulator | --port --token --rate-limit --retry-after | --port, --orders, --token, --seed, --product-sizes,",
            "bench     | --db --phases --jvm-options --postgres-url | --orders, --db, --phases,",
            "help      | COMMAND                                  | --help",
    })
    void everyCommandAnswersHelpAndNamesItsOptions(String command, String helpWords, String valid) {
        Map<String, String> env = env();
        env.put("CENTRA_RETRIES", "-1"); // a bad setting does not stand in the way of --help
        String name = command.split(" ")[0];
        for (String flag : List.of("--help", "-h")) {
            Result r = cli(env, (command + " " + flag).split(" "));
            assertEquals(0, r.code(), r.all());
            assertEquals("", r.err());
            assertTrue(r.out().startsWith("usage: java -jar centra-sync.jar " + name), r.out());
            for (String word : (helpWords + " exit codes:").split(" ")) {
                assertTrue(r.out().contains(word), word + " in\n" + r.out());
            }
        }
        Result unknown = cli(env(), (command + " --fast").split(" "));
        assertEquals(2, unknown.code(), unknown.all());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("centra-sync: " + name + ": unknown option --fast; valid: " + valid), unknown.err());
    }

    @Test
    void helpNamesACommandsUsage() {
        Result r = cli(env(), "help", "sync");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("usage: java -jar centra-sync.jar sync") && r.out().contains("--allow-shrink"), r.out());
        assertEquals(2, cli(env(), "help", "frobnicate").code());
    }

    @Test
    void benchUsageErrorsExitTwoBeforeStartingAnything() {
        Result db = cli(env(), "bench", "--db", "mysql");
        assertEquals(2, db.code(), db.all());
        assertTrue(db.err().contains("--db takes h2 and/or postgres"), db.err());
        assertEquals(2, cli(env(), "bench", "--orders", "many").code());
        assertEquals(2, cli(env(), "bench", "--fast", "yes").code());
        assertEquals(2, cli(env(), "bench", "--orders").code());
    }

    @Test
    void aMissingTokenIsAConfigurationError() {
        Map<String, String> env = env();
        env.remove("CENTRA_TOKEN");
        Result r = cli(env, "sync");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("CENTRA_TOKEN"), r.err());
    }

    @Test
    void aBadTokenFailsAtOnceWithOneClearLineAndNeverShowsTheToken() {
        Map<String, String> env = env();
        String wrong = "wrong-token-" + UUID.randomUUID();
        env.put("CENTRA_TOKEN", wrong);
        long started = System.nanoTime();
        Result r = cli(env, "sync");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("403") && r.out().contains("invalid or expired"), r.out());
        assertTrue((System.nanoTime() - started) / 1e9 < 10, "no retry storm on 403");
        assertFalse(r.all().contains(wrong), "the token must not be printed");
        assertFalse(r.all().contains(SyncHarness.TOKEN));
    }

    @Test
    void anUnreachableDatabaseExitsOneAndSaysSo() {
        Map<String, String> env = env();
        env.put("SINK_JDBC_URL", "jdbc:postgresql://127.0.0.1:9/centra?connectTimeout=2");
        Result r = cli(env, "sync");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("cannot connect to the database"), r.err());
    }

    @Test
    void aBrokenMappingNamesFileAndLineAndExitsTwo(@TempDir Path dir) throws Exception {
        for (String f : List.of("orders.graphql", "orders.yaml")) {
            Files.copy(Path.of("mappings/default", f), dir.resolve(f));
        }
        Path yaml = dir.resolve("orders.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("  status:      status\n", "  status:      {pth: status}\n"));
        Map<String, String> env = env();
        env.put("MAPPINGS_DIR", dir.toString());
        Result r = cli(env, "sync");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("orders.yaml:") && r.err().contains("pth"), r.err());
    }

    @Test
    void deadLettersExitThree(@TempDir Path dir) throws Exception {
        Map<String, String> env = env();
        env.put("MAPPINGS_DIR", DeadLetterEndToEndTest.strictMapping(dir).toString());
        Result r = cli(env, "sync");
        assertEquals(3, r.code(), r.all());
        assertTrue(r.out().contains("dead_letter"), r.out());
    }

    /** Each value a tester tried: one line naming the setting and the value, exit 2, nothing opened. */
    @ParameterizedTest(name = "{0} with {1}={2}")
    @CsvSource(delimiter = '|', value = {
            "sync | CENTRA_RETRIES          | -1                     | centra.retries",
            "sync | CENTRA_RETRIES          | abc                    | centra.retries",
            "sync | CENTRA_RETRY_BACKOFF    | -PT1S                  | centra.retry-backoff",
            "sync | SINK_OUTAGE_TIMEOUT     | -PT1M                  | sink.outage-timeout",
            "sync | SINK_POOL_SIZE          | 0                      | sink.pool-size",
            "sync | CENTRA_PREFETCH         | yes                    | centra.prefetch",
            "sync | SCHEDULE_ORDERS         | every minute           | schedule.orders",
            "run  | SCHEDULE_ORDERS         | every minute           | schedule.orders",
            "run  | CAMEL_MANAGEMENT_PORT   | abc                    | camel.management.port",
            "sync | CENTRA_ENDPOINT         | 127.0.0.1:8099/graphql | centra.endpoint",
            "sync | CENTRA_TOKEN_FILE       | /tmp                   | ''",
            "demo | CENTRA_RETRIES          | -1                     | centra.retries",
            "sync | LOG_FORMAT              | JSON                   | ''",
    })
    void aBadSettingIsOneLineAndExitsTwoBeforeAnythingIsOpened(String command, String variable, String value, String property)
            throws Exception {
        Map<String, String> env = env();
        int managementPort = freePort();
        env.put("CAMEL_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put(variable, value);
        if (variable.equals("CENTRA_TOKEN_FILE")) {
            env.remove("CENTRA_TOKEN");
        }
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli(env, command));
        assertOneConfigLine(r, variable, value, property);
        if (variable.equals("CENTRA_TOKEN_FILE")) {
            assertTrue(r.err().contains("directory"), r.err());
        }
        assertNoDatabase(env.get("SINK_JDBC_URL"));
        assertFree(managementPort);
    }

    @Test
    void aTakenManagementPortStopsRunBeforeAnythingIsOpened() throws Exception {
        Map<String, String> env = env();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            env.put("CAMEL_MANAGEMENT_PORT", port);
            Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli(env, "run"));
            assertOneConfigLine(r, "CAMEL_MANAGEMENT_PORT", port, "camel.management.port");
        }
        assertNoDatabase(env.get("SINK_JDBC_URL"));
    }

    private static void assertOneConfigLine(Result r, String variable, String value, String property) {
        assertEquals(2, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(variable) && r.err().contains(value), r.err());
        assertTrue(property.isEmpty() || r.err().contains(property + " (" + variable + ")"), r.err());
    }

    /** H2 refuses to open an in-memory database that was never created when IFEXISTS is set. */
    private static void assertNoDatabase(String jdbcUrl) {
        assertThrows(SQLException.class, () -> DriverManager.getConnection(jdbcUrl + ";IFEXISTS=TRUE", "sa", "").close(),
                "the database was opened");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertFree(int port) throws IOException {
        new ServerSocket(port, 50, InetAddress.getLoopbackAddress()).close();
    }
}
