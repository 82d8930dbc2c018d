package io.centrasync.centra;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    private final Failures failures = new Failures();

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://127.0.0.1/graphql", status, "x", null, Map.of(), "{\"errors\":[]}");
    }

    @Test
    void rateLimitsServerErrorsTimeoutsAndBrokenBodiesAreRetried() {
        assertTrue(failures.retryable(http(429)));
        assertTrue(failures.retryable(http(500)));
        assertTrue(failures.retryable(http(503)));
        assertTrue(failures.retryable(http(499)));
        assertTrue(failures.retryable(new SocketTimeoutException("Read timed out")));
        assertTrue(failures.retryable(new CentraException("truncated", true)));
        assertTrue(failures.retryable(new org.apache.camel.RuntimeCamelException(new CentraException("truncated", true))));
    }

    @Test
    void aBadTokenABadQueryAndMissingPermissionsAreNot() {
        assertFalse(failures.retryable(http(403)));
        assertFalse(failures.retryable(http(400)));
        assertFalse(failures.retryable(new CentraException("the Centra token lacks a permission", false)));
        assertFalse(failures.retryable(new IllegalStateException("bug")));
    }

    @Test
    void databaseFailuresAreLeftToTheSinkWhichRetriesOutagesItself() {
        var outage = new io.centrasync.store.SinkException("orders: page 3 was not written",
                new java.sql.SQLTransientConnectionException("Connection is not available"));
        assertFalse(failures.retryable(outage));
        assertFalse(failures.retryable(new org.apache.camel.RuntimeCamelException(outage)));
    }

    @Test
    void aBadTokenIsOneClearLine() {
        String line = Failures.describe(http(403));
        assertTrue(line.contains("403") && line.contains("invalid or expired"), line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void aRejectedQueryShowsCentrasMessagesNotItsJson() {
        HttpOperationFailedException e = new HttpOperationFailedException("http://127.0.0.1/graphql", 400, "Bad Request", null, Map.of(),
                "{\"errors\":[{\"message\":\"Unknown field 'nmber' on type 'Order'\",\"locations\":[{\"line\":3}]},{\"message\":\"second\"}]}");
        assertEquals("Centra rejected the query (HTTP 400): Unknown field 'nmber' on type 'Order'; second", Failures.describe(e));
        HttpOperationFailedException proxy = new HttpOperationFailedException("http://127.0.0.1/graphql", 400, "Bad Request", null,
                Map.of(), "<html>\n<h1>Bad request</h1></html>");
        assertEquals("Centra rejected the query (HTTP 400): <html> <h1>Bad request</h1></html>", Failures.describe(proxy));
    }

    @Test
    void findsTheHttpStatusInsideCamelsWrappers() {
        assertEquals(429, Failures.httpFailure(new org.apache.camel.RuntimeCamelException(http(429))).orElseThrow().getStatusCode());
        assertTrue(Failures.httpFailure(new SocketTimeoutException()).isEmpty());
    }
}
