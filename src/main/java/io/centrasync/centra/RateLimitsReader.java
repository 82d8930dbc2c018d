package io.centrasync.centra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks Centra for {@code rateLimits} with the connector's own HTTP client (same token, same
 * timeouts). Best effort: a token without access, an older API without the field, or any other
 * failure leaves the configured plan in force, said once in the log, and never fails a run.
 */
public final class RateLimitsReader implements RateBudget.LimitsSource {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitsReader.class);
    static final String QUERY = "{\"query\":\"{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;
    private final URI endpoint;
    private final AtomicBoolean unavailableLogged = new AtomicBoolean();

    public RateLimitsReader(HttpClient client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /**
     * Best effort, but for a refused token: that fails the run as the page request would, one request sooner
     * ({@link HttpOperationFailedException} with status 403, as camel-graphql throws it).
     */
    @Override
    public Optional<List<RateBudget.Limit>> read() throws HttpOperationFailedException {
        HttpPost post = new HttpPost(endpoint);
        post.setEntity(new StringEntity(QUERY, ContentType.APPLICATION_JSON));
        Answer answer;
        try {
            answer = client.execute(post, response -> new Answer(response.getCode(), response.getReasonPhrase(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())));
        } catch (Exception e) {
            return unavailable(Failures.describe(e));
        }
        if (answer.status() == 403) {
            throw new HttpOperationFailedException(endpoint.toString(), 403, answer.reason(), null, Map.of(), answer.body());
        }
        return answer.status() == 200 ? parse(answer.body()) : unavailable("HTTP " + answer.status());
    }

    private record Answer(int status, String reason, String body) {
    }

    Optional<List<RateBudget.Limit>> parse(String body) {
        JsonNode rows;
        try {
            rows = json.readTree(body).path("data").path("rateLimits");
        } catch (Exception e) {
            return unavailable("the answer is not JSON");
        }
        if (!rows.isArray() || rows.isEmpty()) {
            return unavailable("no data.rateLimits in the answer");
        }
        List<RateBudget.Limit> limits = new ArrayList<>();
        for (JsonNode row : rows) {
            if (row.path("quota").canConvertToLong() && row.path("remainingQuota").canConvertToLong()) {
                limits.add(new RateBudget.Limit(row.path("type").asText(), row.path("intervalSeconds").asInt(),
                        row.path("quota").asLong(), row.path("remainingQuota").asLong()));
            }
        }
        return Optional.of(limits);
    }

    private Optional<List<RateBudget.Limit>> unavailable(String why) {
        if (unavailableLogged.compareAndSet(false, true)) {
            LOG.info("cannot read Centra's rateLimits ({}); pacing by the configured centra.rate.* plan", why);
        }
        return Optional.empty();
    }
}
