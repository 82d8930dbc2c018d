package io.centrasync.bench;

import io.centrasync.run.CentraPage;

/** Phase (a): how fast records can be fetched and parsed, with nothing written. */
final class RawFetch {

    private RawFetch() {
    }

    /** Records fetched and the seconds it took, up to {@code limit} records. */
    static long[] run(PageSource source, long limit, Progress progress) throws Exception {
        long records = 0;
        long start = System.nanoTime();
        while (source.hasNext() && records < limit) {
            CentraPage page = source.next();
            records += page.records().size();
            progress.add(page.records().size());
        }
        return new long[] {records, System.nanoTime() - start};
    }
}
