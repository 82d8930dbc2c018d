package io.centrasync.mapping;

import java.time.Duration;

/**
 * Incremental sync of an entity.
 *
 * @param field    record path that moves forward on every change (e.g. {@code updatedAt})
 * @param variable query variable that receives {@code watermark - lookback}
 * @param lookback how far behind the watermark each run starts again
 */
public record IncrementalSpec(String field, String variable, Duration lookback) {
}
