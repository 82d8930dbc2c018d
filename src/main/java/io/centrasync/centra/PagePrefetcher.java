package io.centrasync.centra;

import io.centrasync.mapping.PagingSpec;
import io.centrasync.run.FetchedPage;
import io.centrasync.run.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The {@code fetch-page} step of the page loop: returns the page at the run's committed cursor and
 * keeps up to {@code depth} following pages coming through the same fetch route, so that Centra, the
 * network and the mapping work on pages n+1 and n+2 while page n is written. Requests stay strictly
 * one after the other: a page is asked for once the answer before it has arrived and its cursor is
 * known, read from the head of the answer ({@link #arrived}) or else from the parsed page
 * ({@link #parsed}), so Centra never sees two requests of a run at once, while the connector parses
 * and maps one page as Centra prepares the next. Pages that are already complete when the loop comes for
 * the next one are handed over joined ({@link FetchedPage#followedBy}), to be written in one transaction.
 *
 * <p>Why this is safe: fetching only reads. The checkpoint still moves only when the page writer
 * commits, so it never runs ahead of the rows. A page fetched ahead is used only if it starts exactly
 * at the cursor the run has committed by then, else every page held ahead is dropped and the page is
 * fetched again. A failed fetch ahead surfaces when its page is taken, and the route's retry of this
 * step then fetches it afresh. At most {@code depth} pages are held per run, so memory stays flat.
 * They live in an exchange variable, so they go away with the run whatever way the run ends.
 *
 * <p>With list paging a page on which a list came back short or empty is handed over only once the page after it
 * is in (held ahead already, or asked for then), which tells whether it is the last page or a broken answer
 * ({@link PageEnds}). A broken one fails this step, retryable: every page held or under way is dropped once its
 * request is done, so the retry asks for the page afresh, still one request at a time. Only pages with every
 * list full are joined to the page before.
 */
public final class PagePrefetcher {

    /** The fetch route: {@code routes/fetch-page.camel.yaml}. */
    static final String FETCH_ROUTE = "direct:centra-fetch-page";
    private static final String PIPELINE = "centraPagesAhead";
    /** On a fetch exchange made ahead: its {@link Ahead}, told when the page is parsed. */
    private static final String AHEAD = "centraPageAhead";

    private final int depth;
    private volatile ProducerTemplate template;

    /** @param depth pages fetched ahead of the one being written ({@code centra.prefetch-pages}); 0 fetches one at a time */
    public PagePrefetcher(int depth) {
        this.depth = Math.max(0, depth);
    }

    /** The page at the run's cursor: the one fetched ahead if it starts there, else fetched now. */
    public FetchedPage next(Exchange exchange) throws Exception {
        SyncRun run = exchange.getVariable("run", SyncRun.class);
        Pipeline pipeline = exchange.getVariable(PIPELINE, Pipeline.class);
        if (pipeline == null) {
            Map<String, Object> variables = new HashMap<>(exchange.getVariables());
            pipeline = new Pipeline(template(exchange.getContext()), variables, depth);
            exchange.setVariable(PIPELINE, pipeline);
        }
        // a page held back whose successor could not be fetched: its retry asks again for the successor only
        FetchedPage page = pipeline.takeHeld(run.cursor());
        if (page == null) {
            Ahead head = pipeline.take(run.cursor());
            page = body(head != null ? await(head.fetch)
                    : template(exchange.getContext()).send(FETCH_ROUTE, withVariables(pipeline.variables, run, null)));
            // counted here, on the run itself: a page fetched ahead was fetched for a copy of it
            run.addComplexity(page.complexity());
        }
        // not while rechecking: each recheck request is a batch of keys the run, not a cursor, knows
        if (run.rechecking()) {
            return page;
        }
        if (unconfirmed(run, page)) {
            page = pipeline.confirm(run, page);
        }
        if (depth > 0) {
            page = pipeline.joinWaiting(run, page);
            pipeline.refill(run, page);
        }
        return page;
    }

    /** List paging and a list on the page came back short: whether it is the last page or broken, the next one tells. */
    private static boolean unconfirmed(SyncRun run, FetchedPage page) {
        PagingSpec paging = run.mapping().paging();
        return PagingSpec.PAGE.equals(paging.style()) && page.listSizes() != null
                && PageEnds.unconfirmed(page.listSizes(), paging.size());
    }

    /**
     * Fetch route step, right after the response arrives: on a page fetched ahead whose answer names the next
     * cursor at its head (see {@link PageResponses#peekNext}), the request for the page after it may go
     * out now, while this one is parsed and mapped.
     */
    public void arrived(Exchange fetch) {
        Ahead ahead = fetch.getVariable(AHEAD, Ahead.class);
        if (ahead != null && fetch.getMessage().getBody() instanceof String body) {
            String next = PageResponses.peekNext(body, ahead.run.mapping(), ahead.cursor);
            if (next != null) {
                ahead.nextKnown(true, next);
            }
        }
    }

    /**
     * Fetch route step, right after the response is parsed: on a page fetched ahead, the request for the
     * page after it may go out now (if {@link #arrived} could not send it), while this one is being mapped.
     */
    public void parsed(Exchange fetch) {
        Ahead ahead = fetch.getVariable(AHEAD, Ahead.class);
        if (ahead != null && fetch.getMessage().getBody() instanceof FetchedPage page) {
            ahead.nextKnown(page.hasNext(), page.nextCursor());
        }
    }

    /** One page asked for ahead: the cursor it starts at and the run copy it was made for. */
    private static final class Ahead {
        final String cursor;
        final SyncRun run;
        final Pipeline pipeline;
        CompletableFuture<Exchange> fetch;
        /** set once its answer says whether a page follows and where it starts */
        boolean nextKnown;
        boolean hasNext;
        String nextCursor;
        boolean followed;

        Ahead(String cursor, SyncRun run, Pipeline pipeline) {
            this.cursor = cursor;
            this.run = run;
            this.pipeline = pipeline;
        }

        /** The first of arrived and parsed to know it decides; both read the same answer. */
        void nextKnown(boolean more, String cursor) {
            synchronized (pipeline) {
                if (!nextKnown) {
                    nextKnown = true;
                    hasNext = more;
                    nextCursor = cursor;
                }
                pipeline.follow(this);
            }
        }
    }

    /**
     * The pages of one run held ahead, oldest first, and the newest request. They differ once the page loop has
     * taken a page that is still on its way: it is no longer held, but its parsing still asks for the next one.
     * Fetches run on Camel's threads, hence the locking.
     */
    private static final class Pipeline {
        private final ProducerTemplate template;
        private final Map<String, Object> variables;
        private final int depth;
        private final Deque<Ahead> ahead = new ArrayDeque<>();
        /** a page held back (see {@link #hold}) and where it starts */
        private FetchedPage held;
        private String heldCursor;
        /** the last page asked for ahead, held or already taken; null when nothing ahead is current */
        private Ahead newest;

        Pipeline(ProducerTemplate template, Map<String, Object> variables, int depth) {
            this.template = template;
            this.variables = variables;
            this.depth = depth;
        }

        /** The oldest page ahead if it starts at {@code cursor}; otherwise everything ahead is stale and dropped. */
        synchronized Ahead take(String cursor) {
            Ahead head = ahead.poll();
            if (head == null || !Objects.equals(head.cursor, cursor)) {
                ahead.clear();
                newest = null; // a fetch still under way is not followed any more
                return null;
            }
            return head;
        }

        /**
         * {@code page} joined with the pages held ahead that follow it and are already complete, to be written in one
         * transaction (one commit instead of several, when writing is what the loop waits for); {@code page} itself when
         * the next one is not there yet: nothing waits for it.
         */
        synchronized FetchedPage joinWaiting(SyncRun run, FetchedPage page) {
            FetchedPage joined = page;
            while (joined.hasNext()) {
                Ahead head = ahead.peek();
                if (head == null || !Objects.equals(head.cursor, joined.nextCursor()) || !head.fetch.isDone()
                        || head.fetch.isCompletedExceptionally()) {
                    break;
                }
                Exchange done = head.fetch.getNow(null);
                if (done.getException() != null || !(done.getMessage().getBody() instanceof FetchedPage next)
                        || unconfirmed(run, next)) {
                    break; // a failed fetch surfaces when it is taken on its own, and is retried there; a short page is checked then
                }
                FetchedPage both = joined.followedBy(next);
                if (both == null) {
                    break;
                }
                ahead.poll();
                run.addComplexity(next.complexity());
                joined = both;
            }
            return joined;
        }

        /** After taking {@code page}: ask for the next page unless a request is out (its parsing asks for the next). */
        synchronized void refill(SyncRun run, FetchedPage page) {
            if (newest == null) {
                if (page.hasNext()) {
                    // a copy of the run positioned after this page: the real run moves only on commit
                    start(run.aheadAt(page.nextCursor()), page.nextCursor());
                }
            } else {
                follow(newest);
            }
        }

        /**
         * {@code page}, just taken (list paging, a list on it short), checked against the page after it, which is held
         * ahead or asked for now and stays held for the next take: the same page, or the last one if every list on it
         * ended. A broken answer fails, retryable, once nothing is held or under way any more.
         */
        FetchedPage confirm(SyncRun run, FetchedPage page) throws Exception {
            Ahead after = successor(run, page.nextCursor());
            FetchedPage following;
            try {
                following = body(await(after.fetch));
            } catch (Exception e) {
                drain();
                hold(run.cursor(), page); // nothing is wrong with the page itself
                throw e;
            }
            int limit = run.mapping().paging().size();
            String broken = following.listSizes() == null ? null : PageEnds.broken(run.entity(),
                    run.cursor() == null ? "1" : run.cursor(), page.listSizes(), page.nextCursor(), following.listSizes(), limit);
            if (broken == null && !PageEnds.ended(page.listSizes(), limit)) {
                return page; // paging goes on; the page after it stays held for the next take
            }
            drain();
            run.addComplexity(following.complexity()); // asked for by the run, never taken
            if (broken != null) {
                throw new CentraException(broken, true);
            }
            return page.last();
        }

        /** Keeps a page held back whose successor could not be fetched, for the retry of this step. */
        private synchronized void hold(String cursor, FetchedPage page) {
            heldCursor = cursor;
            held = page;
        }

        /** The page held back at {@code cursor}, if that is where the run still is; null otherwise. */
        synchronized FetchedPage takeHeld(String cursor) {
            FetchedPage page = held != null && Objects.equals(heldCursor, cursor) ? held : null;
            held = null;
            heldCursor = null;
            return page;
        }

        /** The page at {@code cursor}, after the page just taken: held ahead, or asked for now that nothing else is under way. */
        private Ahead successor(SyncRun run, String cursor) throws InterruptedException {
            List<Ahead> stale;
            synchronized (this) {
                Ahead head = ahead.peek();
                if (head != null && Objects.equals(head.cursor, cursor)) {
                    return head;
                }
                stale = dropAll();
            }
            awaitAll(stale);
            synchronized (this) {
                return start(run.aheadAt(cursor), cursor);
            }
        }

        /** Drops every page held or under way, once its request is done: the run's next request is the only one out. */
        private void drain() throws InterruptedException {
            awaitAll(dropAll());
        }

        private synchronized List<Ahead> dropAll() {
            List<Ahead> dropped = new ArrayList<>(ahead);
            if (newest != null && !dropped.contains(newest)) {
                dropped.add(newest);
            }
            ahead.clear();
            newest = null; // nothing dropped asks for a page after it any more
            return dropped;
        }

        private static void awaitAll(List<Ahead> fetches) throws InterruptedException {
            for (Ahead a : fetches) {
                try {
                    a.fetch.get();
                } catch (ExecutionException e) {
                    // dropped: how it ended does not matter
                }
            }
        }

        private Ahead start(SyncRun copy, String cursor) {
            Ahead a = new Ahead(cursor, copy, this);
            ahead.add(a);
            newest = a;
            a.fetch = template.asyncSend(FETCH_ROUTE, withVariables(variables, copy, a));
            // a fetch route without the parsed step: the page after it is asked for once it is complete
            a.fetch.whenComplete((fetched, error) -> {
                if (fetched != null && fetched.getException() == null && fetched.getMessage().getBody() instanceof FetchedPage p) {
                    a.nextKnown(p.hasNext(), p.nextCursor());
                }
            });
            return a;
        }

        /**
         * The page after {@code a}, if a is the newest request, its next cursor known, has a successor, and fewer than
         * depth pages are held. The page loop may already have taken a (it waits for it): that frees a place, it does
         * not stop the chain.
         */
        void follow(Ahead a) {
            if (a.followed || !a.nextKnown || newest != a || ahead.size() >= depth || !a.hasNext) {
                return; // not yet, stale, not the newest, enough held (the next take refills), or the last page
            }
            a.followed = true;
            start(a.run.aheadAt(a.nextCursor), a.nextCursor);
        }
    }

    /** A fetch exchange carrying the caller's variables (the fetch route reads {@code run} and {@code entity}). */
    private static Processor withVariables(Map<String, Object> callerVariables, SyncRun run, Ahead ahead) {
        return fetch -> {
            callerVariables.forEach(fetch::setVariable);
            fetch.setVariable("run", run);
            if (ahead != null) {
                fetch.setVariable(AHEAD, ahead);
            }
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
