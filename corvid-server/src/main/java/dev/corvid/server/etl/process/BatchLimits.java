package dev.corvid.server.etl.process;

import dev.corvid.server.etl.BatchSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides when a batch stops taking items: item count, transformed bytes or elapsed time. Time
 * comes from the injected clock, so the rules are testable without waiting. Not thread-safe.
 */
public final class BatchLimits {
    private final BatchSettings settings;
    private final Clock clock;
    private final Instant startedAt;
    private int items;
    private long bytes;

    public BatchLimits(BatchSettings settings, Clock clock) {
        this.settings = settings.effective();
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Checked before taking the next item. */
    public Optional<BatchEndReason> beforeNextItem() {
        if (items >= settings.maxItems()) {
            return Optional.of(BatchEndReason.ITEM_LIMIT);
        }
        if (items > 0 && Duration.between(startedAt, clock.instant()).compareTo(Duration.ofSeconds(settings.maxSeconds())) >= 0) {
            return Optional.of(BatchEndReason.TIME_LIMIT);
        }
        if (bytes >= settings.maxBytes()) {
            return Optional.of(BatchEndReason.SIZE_LIMIT);
        }
        return Optional.empty();
    }

    public void taken(long itemBytes) {
        items++;
        bytes += itemBytes;
    }

    public int items() {
        return items;
    }

    public long bytes() {
        return bytes;
    }

    public int maxItems() {
        return settings.maxItems();
    }
}
