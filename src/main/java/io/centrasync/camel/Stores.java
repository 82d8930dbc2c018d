package io.centrasync.camel;

import io.centrasync.run.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Several Centra stores in one configuration: {@code stores = acme,globex} names them, and each store's settings are
 * the common ones with its own on top, as {@code stores.acme.<setting>} (environment {@code STORES_ACME_<SETTING>}):
 * its endpoint, mapping folder, schedules, rate budget, database schema (by default the store's name, so one store's
 * tables never mix with another's) and anything else. Its token comes from {@code STORES_ACME_CENTRA_TOKEN} or the
 * file named by {@code STORES_ACME_CENTRA_TOKEN_FILE} (or {@code stores.acme.centra.token-file}), never from the
 * common {@code CENTRA_TOKEN}. Without {@code stores}, the configuration is the one store it always was.
 */
public final class Stores {

    /** The setting that names the stores. */
    public static final String STORES = "stores";
    /** The store a connector serves, in its own settings (empty: the one store of a configuration without stores). */
    public static final String STORE = "centra.store";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private Stores() {
    }

    /** The declared stores, in order; empty without {@code stores}. */
    public static List<String> names(Settings settings) {
        String declared = settings.get(STORES, "");
        Set<String> names = new LinkedHashSet<>();
        for (String part : declared.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw Settings.invalid(STORES, "a comma-separated list of store names (lower-case letters, digits and _, starting"
                        + " with a letter, at most 40)", declared);
            }
            if (!names.add(name)) {
                throw new ConfigException("setting " + Settings.describe(STORES) + " names store '" + name + "' twice");
            }
        }
        return List.copyOf(names);
    }

    /** The settings of store {@code name}: the common ones, its own on top (properties, then environment). */
    public static Settings settings(Settings common, String name, Map<String, String> env) {
        List<String> declared = names(common);
        if (!declared.contains(name)) {
            throw new ConfigException(declared.isEmpty() ? "--store " + name + ": no stores are declared (setting " + Settings.describe(STORES) + ")"
                    : "unknown store '" + name + "'; declared: " + String.join(", ", declared));
        }
        Properties props = common.asProperties();
        String prefix = STORES + "." + name + ".";
        Properties defaults = Settings.defaults();
        for (String key : common.asProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                props.setProperty(key.substring(prefix.length()), common.get(key, ""));
            }
        }
        if (!props.containsKey(prefix + "sink.schema") || common.get(prefix + "sink.schema", "").isEmpty()) {
            props.setProperty("sink.schema", name);
        }
        for (String key : defaults.stringPropertyNames()) {
            String value = env.get(envPrefix(name) + Settings.envName(key));
            if (value != null) {
                props.setProperty(key, value);
            }
        }
        props.setProperty(STORE, name);
        props.remove(STORES);
        return Settings.of(props);
    }

    /**
     * The environment a store's connector reads its token from: {@code CENTRA_TOKEN} / {@code CENTRA_TOKEN_FILE} are the
     * store's own ({@code STORES_ACME_CENTRA_TOKEN}, {@code STORES_ACME_CENTRA_TOKEN_FILE} or
     * {@code stores.acme.centra.token-file}), never the common ones. Without either, only commands that need no token
     * work ({@link TokenSource#resolve} says which variables to set).
     */
    public static Map<String, String> env(Map<String, String> env, Settings common, String name) {
        Map<String, String> storeEnv = new HashMap<>(env);
        storeEnv.remove(TokenSource.TOKEN);
        storeEnv.remove(TokenSource.TOKEN_FILE);
        String token = env.get(envPrefix(name) + TokenSource.TOKEN);
        String file = env.getOrDefault(envPrefix(name) + TokenSource.TOKEN_FILE, common.get(STORES + "." + name + ".centra.token-file", ""));
        if (token != null) {
            storeEnv.put(TokenSource.TOKEN, token);
        }
        if (!file.isEmpty()) {
            storeEnv.put(TokenSource.TOKEN_FILE, file);
        }
        storeEnv.put(TokenSource.STORE_PREFIX, envPrefix(name)); // names the store's variables when there is no token
        return storeEnv;
    }

    /** {@code STORES_ACME_}. */
    static String envPrefix(String name) {
        return "STORES_" + name.toUpperCase(Locale.ROOT) + "_";
    }

    /** Each store's settings, in declaration order. */
    public static List<Settings> all(Settings common, Map<String, String> env) {
        List<Settings> stores = new ArrayList<>();
        for (String name : names(common)) {
            stores.add(settings(common, name, env));
        }
        return stores;
    }
}
