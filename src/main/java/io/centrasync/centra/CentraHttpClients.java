package io.centrasync.centra;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP client behind camel-graphql. The component's default client has no response timeout
 * and silently retries 429/503 after sleeping for whatever Retry-After says (an epoch value would
 * block for decades), so we build our own: timeouts, a small bounded pool, no automatic retries
 * (the route owns retries), and the Bearer token as a default header (camel-graphql ignores
 * {@code accessToken} once a client is supplied).
 */
public final class CentraHttpClients {

    private CentraHttpClients() {
    }

    public static CloseableHttpClient create(String token, Duration connectTimeout, Duration responseTimeout, int maxConnections) {
        return create(token, connectTimeout, responseTimeout, maxConnections, () -> CentraEvents.NONE);
    }

    /** {@code events} hears of every HTTP answer (asked on each, so it may be bound after the client is built). */
    public static CloseableHttpClient create(String token, Duration connectTimeout, Duration responseTimeout, int maxConnections,
                                             Supplier<CentraEvents> events) {
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout response = Timeout.ofMilliseconds(responseTimeout.toMillis());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(response).build())
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(response).build())
                .setDefaultHeaders(List.of(new BasicHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
                .disableAutomaticRetries()
                .disableCookieManagement()
                .addResponseInterceptorLast(CentraEvents.interceptor(events))
                .build();
    }
}
