package io.centrasync.centra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.ListSizes;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.run.CentraPage;
import io.centrasync.run.FetchedPage;
import io.centrasync.run.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page loop's fetch step with list paging, against a stand-in fetch route serving inventory pages (page size 200,
 * one stock list per warehouse): a page with a short list is handed over only once the page after it is in, which makes
 * it the last page or a broken answer; a broken one fails retryably with nothing left under way; requests stay one at a
 * time and no page is asked for past the end but the one probe after an empty page.
 */
class ShortPagePrefetchTest {

    private static final int LIMIT = 200;

    private CamelContext camel;
    private EntityMapping mapping;
    /** stock rows per warehouse */
    private volatile int[] store;
    /** per page: the list sizes of the next broken answers for it */
    private final Map<Integer, List<int[]>> broken = new ConcurrentHashMap<>();
    /** page numbers in the order their requests went out */
    private final List<Integer> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @BeforeEach
    void startFetchRoute() throws Exception {
        mapping = MappingLoader.load(Path.of("mappings/default/inventory.yaml"));
        camel = new DefaultCamelContext();
        RouteBuilder.addRoutes(camel, route -> route.from(PagePrefetcher.FETCH_ROUTE).process(e -> {
            SyncRun run = e.getVariable("run", SyncRun.class);
            int page = run.cursor() == null ? 1 : Integer.parseInt(run.cursor());
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            requests.add(page);
            Thread.sleep(5);
            inFlight.decrementAndGet();
            e.getMessage().setBody(answer(page));
        }).process(e -> prefetcher.parsed(e))); // the prefetcher of the run under test
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private volatile PagePrefetcher prefetcher;

    /** Page {@code page} of every warehouse's stock list, as PageResponses reads it. */
    private CentraPage answer(int page) {
        List<int[]> faults = broken.getOrDefault(page, List.of());
        int[] sizes = new int[store.length];
        for (int w = 0; w < store.length; w++) {
            sizes[w] = Math.max(0, Math.min(LIMIT, store[w] - (page - 1) * LIMIT));
        }
        if (!faults.isEmpty()) {
            sizes = faults.remove(0);
        }
        List<String> names = new ArrayList<>();
        int total = 0;
        for (int w = 0; w < sizes.length; w++) {
            names.add("warehouses[" + w + "].stock");
            total += sizes[w];
        }
        List<JsonNode> records = Collections.nCopies(total, JsonNodeFactory.instance.objectNode());
        return new CentraPage(records, total > 0, Integer.toString(page + 1), 1, ListSizes.of(names, sizes));
    }

    /** The page loop of one run: takes pages and commits them to the last; a broken answer is retried up to 2 times. */
    private List<Integer> runToTheEnd(int depth) throws Exception {
        prefetcher = new PagePrefetcher(depth);
        SyncRun run = SyncRun.unrecorded("inventory", mapping);
        Exchange loop = new DefaultExchange(camel);
        loop.setVariable("run", run);
        List<Integer> written = new ArrayList<>();
        for (int retries = 0; ; ) {
            FetchedPage page;
            try {
                page = prefetcher.next(loop);
            } catch (CentraException e) {
                assertTrue(e.retryable(), e.getMessage());
                assertEquals(0, inFlight.get(), "nothing is under way when the retry asks again");
                if (++retries > 2) {
                    throw e;
                }
                continue;
            }
            written.add(run.cursor() == null ? 1 : Integer.parseInt(run.cursor()));
            run.pagesCommitted(1, page.nextCursor(), page.hasNext(), null, 0, 0, 0, 0);
            if (!page.hasNext()) {
                break;
            }
        }
        Thread.sleep(30);
        assertEquals(0, inFlight.get(), "nothing asked for after the last page");
        assertEquals(1, mostInFlight.get(), "one request at a time");
        return written;
    }

    @ParameterizedTest(name = "centra.prefetch-pages={0}")
    @ValueSource(ints = {2, 0})
    void pagingStopsAfterThePageOnWhichEveryListEnded(int depth) throws Exception {
        store = new int[] {450, 200, 30};
        assertEquals(List.of(1, 2, 3), runToTheEnd(depth));
        assertEquals(List.of(1, 2, 3, 4), requests, "page 4 (empty) shows page 3 ended; nothing after it");
    }

    @ParameterizedTest(name = "centra.prefetch-pages={0}")
    @ValueSource(ints = {2, 0})
    void anEmptyPageAfterFullListsIsConfirmedByOneProbe(int depth) throws Exception {
        store = new int[] {400, 200};
        assertEquals(List.of(1, 2, 3), runToTheEnd(depth));
        assertEquals(List.of(1, 2, 3, 4), requests, "page 3 is empty, page 4 the probe");

        requests.clear();
        store = new int[] {0, 0};
        assertEquals(List.of(1), runToTheEnd(depth));
        assertEquals(List.of(1, 2), requests, "an empty store: page 1 and the probe");
    }

    @ParameterizedTest(name = "centra.prefetch-pages={0}")
    @ValueSource(ints = {2, 0})
    void aShortOrEmptyPageBeforeTheLastIsAskedForAgain(int depth) throws Exception {
        store = new int[] {650, 200, 30};
        broken.put(2, new ArrayList<>(List.of(new int[] {120, 0, 0}, new int[] {0, 0, 0})));
        assertEquals(List.of(1, 2, 3, 4), runToTheEnd(depth));
        assertEquals(3, requests.stream().filter(p -> p == 2).count(), "page 2 twice broken, then whole: " + requests);
        assertEquals(List.of(1, 2, 3, 4, 5), requests.stream().distinct().toList());
        assertTrue(broken.get(2).isEmpty());
    }

    @ParameterizedTest(name = "centra.prefetch-pages={0}")
    @ValueSource(ints = {2, 0})
    void aPageThatStaysBrokenFailsWithOneLine(int depth) throws Exception {
        store = new int[] {650, 200};
        broken.put(3, new ArrayList<>(List.of(new int[] {0, 0}, new int[] {0, 0}, new int[] {0, 0})));
        CentraException failure = assertThrows(CentraException.class, () -> runToTheEnd(depth));
        assertEquals("page 3 of inventory came back empty (0 of 200 in warehouses[0].stock) but page 4 has more: a broken answer",
                failure.getMessage());
        assertEquals(3, requests.stream().filter(p -> p == 3).count(), "asked for afresh on each retry: " + requests);
        assertTrue(requests.stream().allMatch(p -> p <= 4 + depth), "at most the pages ahead past the page after it: " + requests);
    }
}
