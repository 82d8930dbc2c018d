package io.centrasync.centra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centrasync.mapping.RateLimit;
import io.centrasync.mapping.RateLimitsMapping;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.classic.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks Centra for its rate-limit buckets with the connector's own HTTP client (same token, same
 * timeouts), sending the query of the mapping folder's {@code rate_limits.yaml}, which also says how
 * to read the answer. Best effort: an older API without the field, or any failure but a refused token or a
 * rate limit, leaves the configured plan in force, said once in the log.
 */
public final class RateLimitsReader implements RateBudget.LimitsSource {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitsReader.class);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;
    private final URI endpoint;
    private final RateLimitsMapping mapping;
    private final AtomicBoolean unavailableLogged = new AtomicBoolean();

    public RateLimitsReader(HttpClient client, URI endpoint, RateLimitsMapping mapping) {
        this.client = client;
        this.endpoint = endpoint;
        this.mapping = mapping;
    }

    /**
     * Best effort, but for a refused token and a rate limit: those fail the request as the page request would
     * fail ({@link HttpOperationFailedException} with status 403 or 429 and Retry-After, as camel-graphql throws
     * it), so a refused token stops the run one request sooner, and a 429 is waited out and retried.
     */
    @Override
    public Optional<List<RateLimit>> read() throws HttpOperationFailedException {
        GraphQLPost.Answer answer;
        try {
            answer = GraphQLPost.send(client, endpoint, mapping.queryText(), Map.of());
        } catch (Exception e) {
            return unavailable(Failures.describe(e));
        }
        if (answer.status() == 403 || answer.status() == 429) {
            throw answer.failure(endpoint);
        }
        return answer.status() == 200 ? parse(answer.body()) : unavailable("HTTP " + answer.status());
    }

    Optional<List<RateLimit>> parse(String body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (Exception e) {
            return unavailable("the answer is not JSON");
        }
        if (answer.path("errors").isArray() && !answer.path("errors").isEmpty()) {
            return unavailable("Centra answered errors: " + PageResponses.errorMessages(body));
        }
        List<RateLimit> limits = mapping.limits(answer);
        if (limits.isEmpty()) {
            return unavailable("no bucket named in " + RateLimitsMapping.FILE + " in the answer");
        }
        return Optional.of(limits);
    }

    private Optional<List<RateLimit>> unavailable(String why) {
        if (unavailableLogged.compareAndSet(false, true)) {
            LOG.info("cannot read Centra's rateLimits ({}); pacing by the configured centra.rate.* plan", why);
        }
        return Optional.empty();
    }
}
