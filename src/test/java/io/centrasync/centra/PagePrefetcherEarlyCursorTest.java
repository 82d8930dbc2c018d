package io.centrasync.centra;

import io.centrasync.mapping.EntityMapping;
import io.centrasync.mapping.MappingLoader;
import io.centrasync.state.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * With an answer that opens with its pageInfo, the request for the page after it goes out as soon as the answer
 * arrives, before it is parsed; still one request at a time, every page once.
 */
class PagePrefetcherEarlyCursorTest {

    private static final int LAST_PAGE = 5;

    private CamelContext camel;
    private final PagePrefetcher prefetcher = new PagePrefetcher(2);
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    /** page 1's parsing waits here */
    private final CountDownLatch parsePage1 = new CountDownLatch(1);
    /** the page loop's exchange and its run */
    private Exchange loop;
    private SyncRun run;

    @BeforeEach
    void startFetchRoute() throws Exception {
        EntityMapping mapping = MappingLoader.load(Path.of("mappings/default/purchase_orders.yaml"));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(PagePrefetcher.FETCH_ROUTE)
                        .process(e -> {
                            int n = pageOf(e);
                            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            requests.add(Integer.toString(n));
                            inFlight.decrementAndGet();
                            e.getMessage().setBody("{\"data\":{\"purchaseOrderConnection\":{\"pageInfo\":{\"hasNextPage\":"
                                    + (n < LAST_PAGE) + ",\"endCursor\":\"" + (n + 1) + "\"},\"edges\":[]}}}");
                        })
                        .process(prefetcher::arrived)
                        .process(e -> {
                            int n = pageOf(e);
                            if (n == 1 && !parsePage1.await(10, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("gate not opened");
                            }
                            e.getMessage().setBody(new CentraPage(List.of(), n < LAST_PAGE, Integer.toString(n + 1), 1));
                        })
                        .process(prefetcher::parsed);
            }
        });
        camel.start();
        loop = new DefaultExchange(camel);
        run = SyncRun.unrecorded("purchase_orders", mapping);
        loop.setVariable("run", run);
    }

    @AfterEach
    void stop() {
        parsePage1.countDown();
        camel.stop();
    }

    @Test
    void theNextRequestGoesOutBeforeThePageIsParsed() throws Exception {
        FetchedPage first = prefetcher.next(loop);
        assertEquals("0", requests.poll(5, TimeUnit.SECONDS));
        assertEquals("1", requests.poll(5, TimeUnit.SECONDS), "page 1 is asked for ahead");
        assertEquals("2", requests.poll(5, TimeUnit.SECONDS), "page 2 is asked for while page 1 is still being parsed");
        assertNull(requests.poll(200, TimeUnit.MILLISECONDS), "no more than two pages are held ahead");
        parsePage1.countDown();

        run.pageCommitted(first.nextCursor(), first.hasNext(), null, 0, 0, 0, 0);
        FetchedPage page = first;
        while (page.hasNext()) {
            page = prefetcher.next(loop);
            run.pageCommitted(page.nextCursor(), page.hasNext(), null, 0, 0, 0, 0);
        }
        assertEquals(Integer.toString(LAST_PAGE + 1), run.cursor());
        List<String> rest = new ArrayList<>();
        requests.drainTo(rest);
        assertEquals(List.of("3", "4", "5"), rest, "no page is asked for twice or past the last one");
        assertEquals(1, mostInFlight.get(), "one request at a time");
    }

    /** the page number the run's cursor points at; 0 before the first page */
    private static int pageOf(Exchange e) {
        String cursor = e.getVariable("run", SyncRun.class).cursor();
        return cursor == null ? 0 : Integer.parseInt(cursor);
    }
}
