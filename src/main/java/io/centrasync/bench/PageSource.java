package io.centrasync.bench;

import io.centrasync.centra.CentraHttpClients;
import io.centrasync.centra.PageRequests;
import io.centrasync.centra.PageResponses;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.run.CentraPage;
import io.centrasync.run.SyncRun;
import org.apache.camel.util.json.JsonObject;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Pages through one entity without Camel but otherwise as the fetch route does: the mapping's query
 * and paging variables ({@link PageRequests}), the connector's HTTP client, the response read as
 * text and parsed and checked by {@link PageResponses}. No retries: a benchmark should fail loudly.
 */
final class PageSource implements AutoCloseable {

    private final CloseableHttpClient http;
    private final URI endpoint;
    private final EntityMapping mapping;
    private final SyncRun run;
    private final PageRequests requests = new PageRequests();
    private final PageResponses responses = new PageResponses();

    PageSource(String endpoint, String token, EntityMapping mapping) {
        this.http = CentraHttpClients.create(token, Duration.ofSeconds(10), Duration.ofSeconds(120), 1);
        this.endpoint = URI.create(endpoint);
        this.mapping = mapping;
        this.run = SyncRun.unrecorded(mapping.entity(), mapping);
    }

    boolean hasNext() {
        return run.morePages();
    }

    SyncRun run() {
        return run;
    }

    /** Fetches and parses the next page and moves past it. */
    CentraPage next() throws IOException {
        JsonObject body = new JsonObject();
        body.put("query", mapping.queryText());
        body.put("variables", requests.variables(run));
        HttpPost post = new HttpPost(endpoint);
        post.setEntity(new StringEntity(body.toJson(), ContentType.APPLICATION_JSON));
        String text = http.execute(post, response -> {
            String entity = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() != 200) {
                throw new IOException("Centra answered HTTP " + response.getCode() + ": "
                        + entity.substring(0, Math.min(200, entity.length())));
            }
            return entity;
        });
        CentraPage page = responses.read(text, run);
        run.pageCommitted(page.nextCursor(), page.hasNext(), null, page.records().size(), 0, 0, 0);
        return page;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
