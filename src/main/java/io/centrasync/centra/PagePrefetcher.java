package io.centrasync.centra;

import io.centrasync.state.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The {@code fetch-page} step of the page loop: returns the page at the run's committed cursor and
 * starts fetching the page after it through the same fetch route, so that Centra and the network work
 * on page n+1 while page n is mapped and written.
 *
 * <p>Why this is safe: fetching only reads. The checkpoint still moves only when the page writer
 * commits, so it never runs ahead of the rows. A page fetched ahead is used only if it starts exactly
 * at the cursor the run has committed by then, else it is dropped and the page is fetched again. A
 * failed fetch ahead surfaces when its page is taken, and the route's retry of this step then fetches
 * it afresh. At most one page is fetched ahead per run, so memory stays flat. It lives in an exchange
 * variable, so it goes away with the run whatever way the run ends.
 */
public final class PagePrefetcher {

    /** The fetch route: {@code routes/fetch-page.camel.yaml}. */
    static final String FETCH_ROUTE = "direct:centra-fetch-page";
    private static final String AHEAD = "centraPageAhead";

    private final boolean prefetch;
    private volatile ProducerTemplate template;

    /** @param prefetch false fetches strictly one page at a time ({@code centra.prefetch}) */
    public PagePrefetcher(boolean prefetch) {
        this.prefetch = prefetch;
    }

    private record Ahead(String cursor, CompletableFuture<Exchange> fetch) {
    }

    /** The page at the run's cursor: the one fetched ahead if it starts there, else fetched now. */
    public FetchedPage next(Exchange exchange) throws Exception {
        SyncRun run = exchange.getVariable("run", SyncRun.class);
        Ahead ahead = exchange.getVariable(AHEAD, Ahead.class);
        exchange.removeVariable(AHEAD);
        FetchedPage page;
        if (ahead != null && Objects.equals(ahead.cursor(), run.cursor())) {
            page = body(await(ahead.fetch()));
        } else {
            page = body(template(exchange.getContext()).send(FETCH_ROUTE, withVariables(exchange, run)));
        }
        // counted here, on the run itself: a page fetched ahead was fetched for a copy of it
        run.addComplexity(page.complexity());
        // not while rechecking: each recheck request is a batch of keys the run, not a cursor, knows
        if (prefetch && page.hasNext() && !run.rechecking()) {
            // a copy of the run positioned after this page: the real run moves only on commit
            SyncRun following = run.aheadAt(page.nextCursor());
            exchange.setVariable(AHEAD, new Ahead(page.nextCursor(),
                    template(exchange.getContext()).asyncSend(FETCH_ROUTE, withVariables(exchange, following))));
        }
        return page;
    }

    /** A fetch exchange carrying the caller's variables (the fetch route reads {@code run} and {@code entity}). */
    private static Processor withVariables(Exchange caller, SyncRun run) {
        Map<String, Object> variables = new HashMap<>(caller.getVariables());
        return fetch -> {
            variables.forEach(fetch::setVariable);
            fetch.setVariable("run", run);
        };
    }

    private static Exchange await(CompletableFuture<Exchange> fetch) throws Exception {
        try {
            return fetch.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static FetchedPage body(Exchange fetched) throws Exception {
        if (fetched.getException() != null) {
            throw fetched.getException();
        }
        return fetched.getMessage().getMandatoryBody(FetchedPage.class);
    }

    private ProducerTemplate template(CamelContext context) throws Exception {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    t = context.createProducerTemplate();
                    context.addService(t, true); // stopped with Camel
                    template = t;
                }
                t = template;
            }
        }
        return t;
    }
}
