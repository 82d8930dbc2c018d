package io.centrasync.store;

import java.util.Locale;

/**
 * A completed snapshot would remove more of the live table's rows than {@code sink.snapshot-max-shrink}
 * allows: far more likely a broken answer (an empty or short list from Centra) than a store that lost
 * them, so it is not published and the live table stays as it was.
 */
public final class SnapshotShrinkException extends SinkException {

    public SnapshotShrinkException(String entity, String table, long live, long after, double maxShrink) {
        super(String.format(Locale.ROOT, "the snapshot would shrink %s from %,d to %,d rows (by more than sink.snapshot-max-shrink=%s):"
                        + " not published, %s is unchanged; if Centra really has that few, run 'sync %s --allow-shrink'"
                        + " (or raise SINK_SNAPSHOT_MAX_SHRINK)", table, live, after, maxShrink, table, entity), null);
    }
}
