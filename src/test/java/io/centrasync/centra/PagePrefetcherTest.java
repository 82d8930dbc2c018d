package io.centrasync.centra;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.CentraPage;
import io.centrasync.run.FetchedPage;
import io.centrasync.run.MappedPage;
import io.centrasync.run.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page loop's fetch step against a stand-in fetch route whose pages are numbered cursors: the request for
 * the next page goes out as soon as the page before it is parsed, also when the page loop already waits for
 * that page, or, with an answer that opens with its pageInfo, as soon as that answer arrives; never two at once.
 */
class PagePrefetcherTest {

    private static final int LAST_PAGE = 6;

    private CamelContext camel;
    private final PagePrefetcher prefetcher = new PagePrefetcher(2);
    /** cursors in the order their requests went out */
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    /** per cursor: the stand-in "request" waits here before its response is parsed */
    private final ConcurrentHashMap<String, CountDownLatch> responseGates = new ConcurrentHashMap<>();
    /** per cursor: parsing waits here, after the answer has arrived */
    private final ConcurrentHashMap<String, CountDownLatch> parseGates = new ConcurrentHashMap<>();
    /** whether the stand-in answers put pageInfo before the records (else after them: only parsing tells) */
    private volatile boolean pageInfoFirst;
    /** per cursor: the mapping step after parsing waits here */
    private final ConcurrentHashMap<String, CountDownLatch> mappingGates = new ConcurrentHashMap<>();
    /** whether the stand-in route maps its pages (MappedPage, which can be joined) or leaves them parsed (CentraPage) */
    private volatile boolean mapped;
    /** fetches through the whole route, mapping included */
    private final AtomicInteger completed = new AtomicInteger();
    private EntityMapping mapping;

    @BeforeEach
    void startFetchRoute() throws Exception {
        mapping = MappingLoader.load(Path.of("mappings/default/purchase_orders.yaml"));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(PagePrefetcher.FETCH_ROUTE)
                        .process(e -> {
                            String cursor = cursorOf(e);
                            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            requests.add(cursor);
                            await(responseGates.get(cursor));
                            int n = pageOf(cursor);
                            inFlight.decrementAndGet();
                            String pageInfo = "\"pageInfo\":{\"hasNextPage\":" + (n < LAST_PAGE) + ",\"endCursor\":\"" + (n + 1) + "\"}";
                            e.getMessage().setBody("{\"data\":{\"purchaseOrderConnection\":{"
                                    + (pageInfoFirst ? pageInfo + ",\"edges\":[]" : "\"edges\":[]," + pageInfo) + "}}}");
                        })
                        .process(prefetcher::arrived)
                        .process(e -> {
                            String cursor = cursorOf(e);
                            await(parseGates.get(cursor));
                            int n = pageOf(cursor);
                            e.getMessage().setBody(new CentraPage(List.of(), n < LAST_PAGE, Integer.toString(n + 1), 1));
                        })
                        .process(prefetcher::parsed)
                        .process(e -> {
                            await(mappingGates.get(cursorOf(e)));
                            if (mapped) {
                                CentraPage parsed = e.getMessage().getBody(CentraPage.class);
                                e.getMessage().setBody(new MappedPage(List.of(), List.of(), parsed.nextCursor(), parsed.hasNext(), null,
                                        parsed.complexity()));
                            }
                            completed.incrementAndGet();
                        });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        responseGates.values().forEach(CountDownLatch::countDown);
        parseGates.values().forEach(CountDownLatch::countDown);
        mappingGates.values().forEach(CountDownLatch::countDown);
        camel.stop();
    }

    @Test
    void theNextRequestGoesOutOnceAPageIsParsedEvenIfTheLoopAlreadyWaitsForIt() throws Exception {
        responseGates.put("1", new CountDownLatch(1));
        mappingGates.put("1", new CountDownLatch(1));
        SyncRun run = SyncRun.unrecorded("purchase_orders", mapping);
        Exchange loop = new DefaultExchange(camel);
        loop.setVariable("run", run);

        FetchedPage first = prefetcher.next(loop);
        assertEquals("1", first.nextCursor());
        assertEquals("start", requests.poll(5, TimeUnit.SECONDS), "the first page is fetched at once");
        assertEquals("1", requests.poll(5, TimeUnit.SECONDS), "page 1 is asked for ahead");
        commit(run, first);

        // the loop has written the first page and now waits for page 1, whose response has not arrived yet
        CompletableFuture<FetchedPage> second = CompletableFuture.supplyAsync(() -> {
            try {
                return prefetcher.next(loop);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(second);
        responseGates.get("1").countDown();
        // page 1 is parsed but still being mapped: the request for page 2 must not wait for the mapping
        assertEquals("2", requests.poll(5, TimeUnit.SECONDS), "page 2 is asked for while page 1 is mapped");
        assertFalse(second.isDone(), "page 1 is still being mapped");
        mappingGates.get("1").countDown();
        FetchedPage page1 = second.get(5, TimeUnit.SECONDS);
        assertEquals("2", page1.nextCursor());

        // the rest of the run: every page once, in order, one request at a time
        commit(run, page1);
        List<String> rest = pageToTheEnd(run, loop, page1);
        assertEquals(Integer.toString(LAST_PAGE + 1), run.cursor());
        assertEquals(List.of("3", "4", "5", "6"), rest, "no page is asked for twice or past the last one");
        assertEquals(1, mostInFlight.get(), "one request at a time");
    }

    @Test
    void aPageHeldAheadForAnotherCursorIsDroppedAndFetchedAgain() throws Exception {
        SyncRun run = SyncRun.unrecorded("purchase_orders", mapping);
        Exchange loop = new DefaultExchange(camel);
        loop.setVariable("run", run);
        FetchedPage first = prefetcher.next(loop);
        assertEquals("1", first.nextCursor());
        // the run goes on elsewhere than where the pages ahead start: they are stale
        run.pageCommitted("4", true, null, 0, 0, 0, 0);
        FetchedPage fourth = prefetcher.next(loop);
        assertEquals("5", fourth.nextCursor(), "page 4 fetched afresh, not page 1 from the pipeline");
        commit(run, fourth);
        FetchedPage fifth = prefetcher.next(loop);
        assertEquals("6", fifth.nextCursor(), "the pipeline starts again after page 4");
        List<String> asked = new java.util.ArrayList<>();
        requests.drainTo(asked);
        assertEquals(1, asked.stream().filter("5"::equals).count(), "page 5 asked for once, ahead: " + asked);
        assertTrue(asked.indexOf("4") < asked.indexOf("5"), "page 5 is asked for after page 4: " + asked);
    }

    @Test
    void withPageInfoFirstTheNextRequestGoesOutBeforeThePageIsParsed() throws Exception {
        pageInfoFirst = true;
        parseGates.put("1", new CountDownLatch(1));
        SyncRun run = SyncRun.unrecorded("purchase_orders", mapping);
        Exchange loop = new DefaultExchange(camel);
        loop.setVariable("run", run);

        FetchedPage first = prefetcher.next(loop);
        assertEquals("start", requests.poll(5, TimeUnit.SECONDS));
        assertEquals("1", requests.poll(5, TimeUnit.SECONDS), "page 1 is asked for ahead");
        assertEquals("2", requests.poll(5, TimeUnit.SECONDS), "page 2 is asked for while page 1 is still being parsed");
        assertNull(requests.poll(200, TimeUnit.MILLISECONDS), "no more than two pages are held ahead");
        parseGates.get("1").countDown();

        commit(run, first);
        List<String> rest = pageToTheEnd(run, loop, first);
        assertEquals(Integer.toString(LAST_PAGE + 1), run.cursor());
        assertEquals(List.of("3", "4", "5", "6"), rest, "no page is asked for twice or past the last one");
        assertEquals(1, mostInFlight.get(), "one request at a time");
    }

    @Test
    void pagesAlreadyWaitingAreJoinedIntoOneWrite() throws Exception {
        mapped = true;
        SyncRun run = SyncRun.unrecorded("purchase_orders", mapping);
        Exchange loop = new DefaultExchange(camel);
        loop.setVariable("run", run);

        FetchedPage first = prefetcher.next(loop);
        assertEquals(1, ((MappedPage) first).pages(), "nothing else was there yet");
        commit(run, first);
        // the writer is slow: pages 1 and 2 are complete before the loop asks again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (completed.get() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        MappedPage joined = (MappedPage) prefetcher.next(loop);
        assertEquals(2, joined.pages(), "pages 1 and 2 are written in one transaction");
        assertEquals("3", joined.nextCursor(), "paging goes on after page 2");
        assertEquals(3, run.complexity(), "each page's request is counted");
        commit(run, joined);

        List<String> asked = pageToTheEnd(run, loop, joined);
        assertEquals(Integer.toString(LAST_PAGE + 1), run.cursor());
        assertEquals(LAST_PAGE + 1, run.pages(), "every page counted once");
        assertEquals(List.of("start", "1", "2", "3", "4", "5", "6"), asked, "every page asked for once, in order");
        assertEquals(1, mostInFlight.get(), "one request at a time");
    }

    /** Takes and commits pages until the last one, as the page loop does; returns the requests that went out meanwhile. */
    private List<String> pageToTheEnd(SyncRun run, Exchange loop, FetchedPage from) throws Exception {
        FetchedPage page = from;
        while (page.hasNext()) {
            page = prefetcher.next(loop);
            commit(run, page);
        }
        List<String> asked = new java.util.ArrayList<>();
        requests.drainTo(asked);
        return asked;
    }

    /** As the page writer moves the run past a page it committed (a joined page counts all it holds). */
    private static void commit(SyncRun run, FetchedPage page) {
        run.pagesCommitted(page instanceof MappedPage m ? m.pages() : 1, page.nextCursor(), page.hasNext(), null, 0, 0, 0, 0);
    }

    private static int pageOf(String cursor) {
        return cursor.equals("start") ? 0 : Integer.parseInt(cursor);
    }

    /** the run's cursor; "start" before the first page */
    private static String cursorOf(Exchange e) {
        String cursor = e.getVariable("run", SyncRun.class).cursor();
        return cursor == null ? "start" : cursor;
    }

    private static void await(CountDownLatch gate) throws InterruptedException {
        if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate not opened");
        }
    }

    /** Until the page loop's call has taken the page ahead and waits for it (its thread parks). */
    private static void awaitWaiting(CompletableFuture<FetchedPage> call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            boolean parked = Thread.getAllStackTraces().entrySet().stream()
                    .anyMatch(t -> t.getKey().getState() == Thread.State.WAITING
                            && java.util.Arrays.stream(t.getValue()).anyMatch(f -> f.getMethodName().equals("await")
                            && f.getClassName().equals(PagePrefetcher.class.getName())));
            if (parked || call.isDone()) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the page loop did not start waiting");
    }
}
