package io.centrasync.camel;

import io.centrasync.run.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointPolicyTest {

    @Test
    void httpsAnywhereAndHttpOnlyToThisMachine() {
        assertDoesNotThrow(() -> EndpointPolicy.check("https://shop.centra.com/graphql", false));
        assertDoesNotThrow(() -> EndpointPolicy.check("http://127.0.0.1:8099/graphql", false));
        assertDoesNotThrow(() -> EndpointPolicy.check("http://localhost:8099/graphql", false));
        assertDoesNotThrow(() -> EndpointPolicy.check("http://[::1]:8099/graphql", false));
        ConfigException e = assertThrows(ConfigException.class, () -> EndpointPolicy.check("http://shop.centra.com/graphql", false));
        assertTrue(e.getMessage().contains("CENTRA_ALLOW_INSECURE_HTTP"), e.getMessage());
        assertThrows(ConfigException.class, () -> EndpointPolicy.check("http://10.1.2.3/graphql", false));
        assertDoesNotThrow(() -> EndpointPolicy.check("http://shop.centra.com/graphql", true));
        assertThrows(ConfigException.class, () -> EndpointPolicy.check("ftp://shop.centra.com/graphql", true));
        assertThrows(ConfigException.class, () -> EndpointPolicy.check("not a url", true));
    }
}
