package dev.corvid.server.etl.process;

import java.time.Instant;

/**
 * What one batch did: timings per stage, counts, and why it ended.
 *
 * @param loadError empty when the load succeeded (or nothing needed loading)
 */
public record BatchReport(long id, Instant startedAt, long durationMs, long extractMs, long transformMs, long loadMs,
                          int extracted, int transformed, int filteredOut, int scriptErrors, long bytes,
                          long lastEtag, BatchEndReason endReason, boolean loaded, String loadError) {
}
