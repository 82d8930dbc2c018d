package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoresSettingsTest {

    private static Settings common(String... keyValues) {
        Properties p = Settings.defaults();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(p);
    }

    @Test
    void aStoreIsTheCommonSettingsWithItsOwnOnTopAndTheEnvironmentOverBoth() {
        Settings common = common("stores", "acme, globex", "centra.retries", "3", "stores.acme.centra.retries", "5",
                "stores.acme.schedule.orders", "0 0/2 * * * ?", "stores.globex.sink.schema", "globex_sync");
        Map<String, String> env = Map.of("STORES_ACME_CENTRA_ENDPOINT", "https://acme.example/graphql");
        assertEquals(List.of("acme", "globex"), Stores.names(common));
        Settings acme = Stores.settings(common, "acme", env);
        assertEquals("5", acme.get("centra.retries"));
        assertEquals("0 0/2 * * * ?", acme.get("schedule.orders"));
        assertEquals("https://acme.example/graphql", acme.get("centra.endpoint"));
        assertEquals("acme", acme.get("sink.schema"), "a schema of its own by default");
        assertEquals("acme", acme.get(Stores.STORE));
        Settings globex = Stores.settings(common, "globex", env);
        assertEquals("3", globex.get("centra.retries"), "the common value");
        assertEquals("globex_sync", globex.get("sink.schema"));
        assertFalse(globex.get("centra.endpoint").contains("acme"));
    }

    @Test
    void eachStoreHasItsOwnTokenNeverTheCommonOne() {
        Settings common = common("stores", "acme,globex", "stores.globex.centra.token-file", "/run/secrets/globex");
        Map<String, String> env = Map.of("CENTRA_TOKEN", "common-token", "STORES_ACME_CENTRA_TOKEN", "acme-token");
        assertEquals("acme-token", TokenSource.resolve(Stores.env(env, common, "acme")));
        Map<String, String> globex = Stores.env(env, common, "globex");
        assertFalse(globex.containsKey("CENTRA_TOKEN"), "the common token is not globex's");
        assertEquals("/run/secrets/globex", globex.get("CENTRA_TOKEN_FILE"));
        ConfigException none = assertThrows(ConfigException.class,
                () -> TokenSource.resolve(Stores.env(Map.of("CENTRA_TOKEN", "common-token"), common, "acme")));
        assertEquals("no Centra token for this store: set STORES_ACME_CENTRA_TOKEN or STORES_ACME_CENTRA_TOKEN_FILE", none.getMessage());
    }

    @Test
    void badDeclarationsAreOneLine() {
        assertEquals("setting stores (STORES) must be a comma-separated list of store names (lower-case letters, digits and _,"
                        + " starting with a letter, at most 40), got 'Acme'",
                assertThrows(ConfigException.class, () -> Stores.names(common("stores", "Acme"))).getMessage());
        assertEquals("setting stores (STORES) names store 'acme' twice",
                assertThrows(ConfigException.class, () -> Stores.names(common("stores", "acme,acme"))).getMessage());
        assertEquals("unknown store 'zeta'; declared: acme",
                assertThrows(ConfigException.class, () -> Stores.settings(common("stores", "acme"), "zeta", Map.of())).getMessage());
        assertEquals(List.of(), Stores.names(common()), "no stores: the one store of the settings themselves");
    }
}
