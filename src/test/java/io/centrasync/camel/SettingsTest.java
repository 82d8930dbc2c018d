package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void defaultsComeFromTheBuiltInProperties() {
        Settings s = Settings.load(Map.of(), new Properties());
        assertEquals("jdbc:h2:file:./data/centra-sync", s.get("sink.jdbc-url"));
        assertEquals("mappings/default", s.get("mappings.dir"));
    }

    @Test
    void environmentVariablesOverrideByConvention() {
        Settings s = Settings.load(Map.of("SINK_JDBC_URL", "jdbc:postgresql://db/x", "MAPPINGS_DIR", "mappings/acme",
                "CENTRA_ENDPOINT", "https://shop.centra.com/graphql"), new Properties());
        assertEquals("jdbc:postgresql://db/x", s.get("sink.jdbc-url"));
        assertEquals("mappings/acme", s.get("mappings.dir"));
        assertEquals("https://shop.centra.com/graphql", s.get("centra.endpoint"));
    }

    @Test
    void aConfigFileSitsBetweenDefaultsAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "sink.jdbc-url = jdbc:h2:mem:fromfile\ncentra.retries = 9\n");
        Settings s = Settings.load(Map.of("CENTRA_SYNC_CONFIG", file.toString(), "CENTRA_RETRIES", "4"), new Properties());
        assertEquals("jdbc:h2:mem:fromfile", s.get("sink.jdbc-url"));
        assertEquals(4, s.getInt("centra.retries"));
    }

    @Test
    void aMissingConfigFileNamedExplicitlyIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.load(Map.of("CENTRA_SYNC_CONFIG", "/nonexistent/x.properties"), new Properties()));
        assertTrue(e.getMessage().contains("/nonexistent/x.properties"));
    }

    @Test
    void badValuesSayWhichSetting() {
        Settings s = Settings.load(Map.of("CENTRA_RESPONSE_TIMEOUT", "soon"), new Properties());
        ConfigException e = assertThrows(ConfigException.class, () -> s.getDuration("centra.response-timeout"));
        assertTrue(e.getMessage().contains("centra.response-timeout"), e.getMessage());
    }

    @Test
    void theTokenComesFromTheEnvironmentOrAFileOnly(@TempDir Path dir) throws Exception {
        assertEquals("abc", TokenSource.resolve(Map.of("CENTRA_TOKEN", "abc")));
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        assertEquals("from-file", TokenSource.resolve(Map.of("CENTRA_TOKEN_FILE", file.toString())));
        ConfigException none = assertThrows(ConfigException.class, () -> TokenSource.resolve(Map.of()));
        assertTrue(none.getMessage().contains("CENTRA_TOKEN"));
        Files.writeString(file, "  ");
        assertThrows(ConfigException.class, () -> TokenSource.resolve(Map.of("CENTRA_TOKEN_FILE", file.toString())));
    }
}
