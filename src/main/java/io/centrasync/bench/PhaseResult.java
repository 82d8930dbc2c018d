package io.centrasync.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What one phase measured, handed from the phase's JVM to the bench command through a small file.
 *
 * @param records root records (orders) the phase handled
 * @param rows    rows written over all tables (0 for the fetch phase)
 * @param seconds timed part only
 */
record PhaseResult(long records, long rows, double seconds, long heapMb, long heapAfterGcMb, long rssMb) {

    double recordsPerSecond() {
        return seconds <= 0 ? 0 : records / seconds;
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("records", Long.toString(records));
        p.setProperty("rows", Long.toString(rows));
        p.setProperty("seconds", Double.toString(seconds));
        p.setProperty("heapMb", Long.toString(heapMb));
        p.setProperty("heapAfterGcMb", Long.toString(heapAfterGcMb));
        p.setProperty("rssMb", Long.toString(rssMb));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    static PhaseResult read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new PhaseResult(Long.parseLong(p.getProperty("records")), Long.parseLong(p.getProperty("rows")),
                Double.parseDouble(p.getProperty("seconds")), Long.parseLong(p.getProperty("heapMb")),
                Long.parseLong(p.getProperty("heapAfterGcMb")), Long.parseLong(p.getProperty("rssMb")));
    }
}
