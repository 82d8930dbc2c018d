package io.centrasync.it;

import io.centrasync.camel.SyncApplication;
import io.centrasync.testdb.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several connectors starting together on an empty PostgreSQL database (a deployment of several nodes,
 * or a restart of all of them) each find or create the tables, none fails on another's CREATE TABLE.
 */
class ConcurrentStartTest {

    static final int PROCESSES = 3;
    static final int TRIES = 4;

    @Test
    void connectorsStartingTogetherOnAnEmptyDatabaseAllStart() throws Exception {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            try (SyncHarness h = new SyncHarness(5, "mappings/default", TestDatabase.postgres())) {
                CyclicBarrier together = new CyclicBarrier(PROCESSES);
                List<CompletableFuture<String>> starts = new ArrayList<>();
                for (int i = 0; i < PROCESSES; i++) {
                    starts.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            together.await(30, TimeUnit.SECONDS);
                            SyncApplication.create(h.settings(), SyncHarness.TOKEN, false).close();
                            return "started";
                        } catch (Exception e) {
                            return e.getMessage();
                        }
                    }));
                }
                for (CompletableFuture<String> start : starts) {
                    assertEquals("started", start.get(60, TimeUnit.SECONDS), "try " + (attempt + 1));
                }
                assertEquals(0, h.count("orders"), "the tables are there");
            }
        }
    }
}
