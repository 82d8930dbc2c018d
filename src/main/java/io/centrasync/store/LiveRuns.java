package io.centrasync.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this process has in flight, by run id: from just before a run's row is written until its
 * end is recorded (or could not be). Process-wide, because a run row names its process, not the
 * connector instance in it: a row of this process that is not listed here has ended unrecorded.
 */
final class LiveRuns {

    private static final Set<String> RUN_IDS = ConcurrentHashMap.newKeySet();

    private LiveRuns() {
    }

    static void started(String runId) {
        RUN_IDS.add(runId);
    }

    static void ended(String runId) {
        RUN_IDS.remove(runId);
    }

    static java.util.List<String> all() {
        return java.util.List.copyOf(RUN_IDS);
    }

    static boolean live(String runId) {
        return RUN_IDS.contains(runId);
    }
}
