package io.centrasync.centra;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GraphQL request outside the routes, with the connector's HTTP client (its token, its timeouts): the
 * {@code rateLimits} query, and {@code check}'s questions. The answer comes back as it came, whatever its status.
 */
public final class GraphQLPost {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Centra's answer: HTTP status, reason, body, and the Retry-After header if any. */
    public record Answer(int status, String reason, String body, Map<String, String> headers) {

        /** This answer as the failure camel-graphql throws for a status other than 200, which {@link Failures} describes. */
        public HttpOperationFailedException failure(URI endpoint) {
            return new HttpOperationFailedException(endpoint.toString(), status, reason, null, headers, body);
        }
    }

    private GraphQLPost() {
    }

    /** Sends {@code query} with {@code variables} (none: no variables member). */
    public static Answer send(HttpClient client, URI endpoint, String query, Map<String, ?> variables) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", query);
        if (!variables.isEmpty()) {
            request.put("variables", variables);
        }
        HttpPost post = new HttpPost(endpoint);
        post.setEntity(new StringEntity(JSON.writeValueAsString(request), ContentType.APPLICATION_JSON));
        return client.execute(post, response -> new Answer(response.getCode(), response.getReasonPhrase(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()),
                response.getFirstHeader("Retry-After") == null ? Map.of()
                        : Map.of("Retry-After", response.getFirstHeader("Retry-After").getValue())));
    }
}
