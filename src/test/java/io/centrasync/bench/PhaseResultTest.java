package io.centrasync.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhaseResultTest {

    private static PhaseResult result(double seconds, long heap, long rss) {
        return new PhaseResult(1000, 4000, seconds, heap, heap / 2, rss, new PhaseResult.Cpu(1.5, 0.5, -1));
    }

    @Test
    void aResultSurvivesTheTripBetweenJvms(@TempDir Path dir) throws Exception {
        PhaseResult r = result(2.5, 300, 400);
        r.write(dir.resolve("r.properties"));
        assertEquals(r, PhaseResult.read(dir.resolve("r.properties")));
        assertEquals(400.0, r.recordsPerSecond());
    }

    @Test
    void theBestOfRepeatedRunsIsTheFastestWithTheHighestMemoryPeaks() {
        PhaseResult best = PhaseResult.best(List.of(result(4, 100, 500), result(2, 200, 300), result(3, 50, 600)));
        assertEquals(2, best.seconds());
        assertEquals(200, best.heapMb());
        assertEquals(600, best.rssMb());
    }

    @Test
    void backToBackRunsOfASmallStoreGiveTheMeanTimeAndCpuWithTheHighestPeaks() {
        PhaseResult mean = PhaseResult.mean(List.of(result(0.1, 100, 500), result(0.3, 200, 300)));
        assertEquals(1000, mean.records(), "the records of one run, not of all");
        assertEquals(0.2, mean.seconds(), 1e-9);
        assertEquals(5000.0, mean.recordsPerSecond(), 1e-6);
        assertEquals(200, mean.heapMb());
        assertEquals(500, mean.rssMb());
        assertEquals(new PhaseResult.Cpu(1.5, 0.5, -1), mean.cpu(), "a part one run could not measure stays unmeasured");
    }
}
