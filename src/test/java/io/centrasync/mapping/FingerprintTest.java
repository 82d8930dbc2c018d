package io.centrasync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FingerprintTest {
    @TempDir
    Path dir;

    @Test
    void isSha256OfMappingThenQueryAndChangesWithEitherFile() throws Exception {
        String yaml = Fixtures.header("m") + "table: orders\nkey: [id]\ncolumns:\n  id: id\n";
        Path file = Fixtures.write(dir, "m", yaml, Fixtures.QUERY);
        String first = MappingLoader.load(file).fingerprint();

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(Files.readAllBytes(file));
        sha.update(Files.readAllBytes(dir.resolve("m.graphql")));
        assertEquals(HexFormat.of().formatHex(sha.digest()), first);
        assertEquals(first, MappingLoader.load(file).fingerprint(), "stable for unchanged files");

        Fixtures.write(dir, "m", yaml + "# a comment\n", null);
        String mappingChanged = MappingLoader.load(file).fingerprint();
        assertNotEquals(first, mappingChanged);

        Files.writeString(dir.resolve("m.graphql"), Fixtures.QUERY + "\n");
        String queryChanged = MappingLoader.load(file).fingerprint();
        assertNotEquals(mappingChanged, queryChanged);
        assertNotEquals(first, queryChanged);
    }
}
