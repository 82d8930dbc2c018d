package io.centrasync.camel;

import io.centrasync.run.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Centra token comes from: {@code CENTRA_TOKEN}, or the file named by
 * {@code CENTRA_TOKEN_FILE} (a mounted secret). It is never read from a properties file, so it
 * cannot end up in a startup summary, a config dump or a repository.
 */
public final class TokenSource {

    /** The environment variables the token comes from. */
    public static final String TOKEN = "CENTRA_TOKEN";
    public static final String TOKEN_FILE = "CENTRA_TOKEN_FILE";
    /** Set for one of several stores: the prefix of its own variables ({@code STORES_ACME_}). */
    static final String STORE_PREFIX = "CENTRA_SYNC_STORE_ENV_PREFIX";

    private TokenSource() {
    }

    public static String resolve(Map<String, String> env) {
        String token = env.get("CENTRA_TOKEN");
        String file = env.get("CENTRA_TOKEN_FILE");
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (file != null && !file.isBlank()) {
            return readTokenFile(file);
        }
        String store = env.get(STORE_PREFIX);
        throw new ConfigException(store == null ? "no Centra token: set CENTRA_TOKEN or CENTRA_TOKEN_FILE"
                : "no Centra token for this store: set " + store + TOKEN + " or " + store + TOKEN_FILE);
    }

    private static String readTokenFile(String file) {
        Path path = Path.of(file);
        String expected = "CENTRA_TOKEN_FILE '" + file + "' must be a readable file holding the token, but it ";
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(expected + (Files.isDirectory(path) ? "is a directory" : "does not exist"));
        }
        try {
            String fromFile = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (fromFile.isEmpty()) {
                throw new ConfigException("CENTRA_TOKEN_FILE '" + file + "' is empty");
            }
            return fromFile;
        } catch (IOException e) {
            throw new ConfigException(expected + "cannot be read: " + e.getClass().getSimpleName());
        }
    }
}
