package io.centrasync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A bucket that starts full allows quota + quota x elapsed / interval; the most used one binds. */
class BudgetCheckTest {

    @Test
    void theMostUsedBucketBindsAndEachAllowsItsQuotaPlusWhatRefillsMeanwhile() throws Exception {
        var usage = new ObjectMapper().readTree("""
                {"admittedRequests": 100, "admittedComplexity": 3000000, "refused": 2,
                 "requestsPer10s": 60, "requestsPerHour": 5000, "complexityPer10s": 250000, "complexityPerHour": 0}""");
        BudgetCheck.Result r = BudgetCheck.of(usage, 20_000, 120);
        assertEquals("complexity / 10 s", r.binding().name());
        assertEquals(250_000 + 250_000 * 12, r.binding().allowed(), 1e-6);
        assertEquals(3_000_000 / 3_250_000.0, r.binding().use(), 1e-9);
        assertEquals(3, r.buckets().size(), "an unlimited bucket (quota 0) is left out");
        assertEquals("requests / 10 s", r.buckets().get(1).name());
        assertEquals(60 + 60 * 12, r.buckets().get(1).allowed(), 1e-6);
        assertEquals(5000 + 5000 * 120 / 3600.0, r.buckets().get(2).allowed(), 1e-6);
        assertEquals(2, r.refused());
    }
}
