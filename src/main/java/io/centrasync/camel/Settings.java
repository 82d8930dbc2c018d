package io.centrasync.camel;

import io.centrasync.run.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration, layered from weakest to strongest: the built-in defaults ({@link #DEFAULTS}), {@code ./application.properties} (or the file named by {@code CENTRA_SYNC_CONFIG}),
 * environment variables ({@code sink.jdbc-url} is overridden by {@code SINK_JDBC_URL}), then JVM
 * system properties. The same merged properties are handed to Camel, so route placeholders
 * ({@code {{centra.endpoint}}}) see exactly what the Java code sees.
 *
 * <p>The Centra token is deliberately not a property: see {@link TokenSource}.
 */
public final class Settings {

    /**
     * The built-in defaults, beside our classes rather than at the classpath root, where Camel Main (ours or a host's)
     * would take an {@code application.properties} for its own.
     */
    static final String DEFAULTS = "/io/centrasync/defaults.properties";

    private final Properties props;

    private Settings(Properties props) {
        this.props = props;
    }

    /** The share of each rate-limit bucket used ({@code centra.rate.utilization}) is at least this and at most 1. */
    static final String UTILIZATION = "centra.rate.utilization";
    static final double MIN_UTILIZATION = 0.01;

    /** The built-in defaults alone. */
    static Properties defaults() {
        Properties defaults = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream(DEFAULTS)) {
            if (in != null) {
                defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read the built-in " + DEFAULTS + ": " + e.getMessage());
        }
        return defaults;
    }

    /** Loads the layers described above. */
    public static Settings load(Map<String, String> env, Properties system) {
        Properties merged = defaults();
        Path userFile = Path.of(env.getOrDefault("CENTRA_SYNC_CONFIG", "application.properties"));
        if (Files.isRegularFile(userFile)) {
            try (Reader r = Files.newBufferedReader(userFile, StandardCharsets.UTF_8)) {
                merged.load(r);
            } catch (IOException e) {
                throw new ConfigException(userFile + ": cannot read: " + e.getMessage());
            }
        } else if (env.containsKey("CENTRA_SYNC_CONFIG")) {
            throw new ConfigException("CENTRA_SYNC_CONFIG names " + userFile + ", which does not exist");
        }
        // environment variables override any key that is already known, Camel-style
        for (String key : merged.stringPropertyNames()) {
            String value = env.get(envName(key));
            if (value != null) {
                merged.setProperty(key, value);
            }
        }
        for (String key : system.stringPropertyNames()) {
            if (merged.containsKey(key)) {
                merged.setProperty(key, system.getProperty(key));
            }
        }
        return new Settings(merged);
    }

    public static Settings of(Properties props) {
        Properties copy = new Properties();
        copy.putAll(props);
        return new Settings(copy);
    }

    /** {@code sink.jdbc-url} becomes {@code SINK_JDBC_URL}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String get(String key) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException("missing setting " + key + " (environment variable " + envName(key) + ")");
        }
        return v.trim();
    }

    public String get(String key, String fallback) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** How a message names a setting: {@code centra.retries (CENTRA_RETRIES)}. */
    public static String describe(String key) {
        return key + " (" + envName(key) + ")";
    }

    /** One line naming the setting, what is allowed and the value given. */
    public static ConfigException invalid(String key, String allowed, String value) {
        return new ConfigException("setting " + describe(key) + " must be " + allowed + ", got '" + value + "'");
    }

    public int getInt(String key) {
        return getInt(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number in [min, max]. */
    public int getInt(String key, int min, int max) {
        return (int) getLong(key, min, max);
    }

    public long getLong(String key) {
        return getLong(key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number in [min, max]. */
    public long getLong(String key, long min, long max) {
        String v = get(key);
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "a whole number" + range(min, max), v);
    }

    /** The bounds in words; the ends of int and long mean "no bound" (getInt/getLong without a range). */
    private static String range(long min, long max) {
        boolean bounded = max != Long.MAX_VALUE && max != Integer.MAX_VALUE;
        if (min == Long.MIN_VALUE || min == Integer.MIN_VALUE) {
            return bounded ? " up to " + max : "";
        }
        return bounded ? " from " + min + " to " + max : " of at least " + min;
    }

    /** A decimal number in [min, max]. */
    public double getDouble(String key, double min, double max) {
        String v = get(key);
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "a number from " + min + " to " + max, v);
    }

    public Duration getDuration(String key) {
        String v = get(key);
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw invalid(key, "an ISO-8601 duration such as PT30S", v);
        }
    }

    /** A duration of at least {@code min}. */
    public Duration getDuration(String key, Duration min) {
        Duration d = getDuration(key);
        if (d.compareTo(min) < 0) {
            throw invalid(key, "an ISO-8601 duration of at least " + min, get(key));
        }
        return d;
    }

    /** {@code true} or {@code false} (any case); anything else is refused rather than read as false. */
    public boolean getBoolean(String key) {
        String v = get(key, "false");
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw invalid(key, "true or false", v);
    }

    /** Returns a copy with one setting replaced (used by demo and tests). */
    public Settings with(String key, String value) {
        Properties copy = new Properties();
        copy.putAll(props);
        copy.setProperty(key, value);
        return new Settings(copy);
    }

    public Properties asProperties() {
        Properties copy = new Properties();
        copy.putAll(props);
        return copy;
    }
}
