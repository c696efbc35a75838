package dev.corvid.server.documents;

import dev.corvid.server.storage.DocumentStorage;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.WriteTxn;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * HiLo id ranges, as RavenDB hands them to clients: for each tag the highest id given out ({@code Max})
 * is stored durably, so ranges never overlap across clients or restarts.
 */
public final class HiLoService {
    static final long MIN_RANGE = 32;
    static final long MAX_RANGE = 1024 * 1024;
    private static final Duration GROW_IF_USED_WITHIN = Duration.ofMinutes(5);
    private static final Duration SHRINK_IF_OLDER_THAN = Duration.ofHours(24);

    private final DocumentStorage storage;
    private final Clock clock;

    HiLoService(DocumentStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** A range of ids {@code prefix + n} for n in [low, high]. */
    public record Range(String prefix, long low, long high, long size, Instant rangeAt) {
    }

    public Range next(String tag, long lastBatchSize, Optional<Instant> lastRangeAt, String separator) {
        Instant now = clock.instant();
        long size = nextSize(lastBatchSize, lastRangeAt, now);
        String key = key(tag);
        long max = storage.write((WriteTxn w) -> {
            long current = Math.max(read(w, key), maxFromDocument(w, tag));
            w.putSystemValue(key, bytes(current + size));
            return current;
        });
        return new Range(tag + separator, max + 1, max + size, size, now);
    }

    static long nextSize(long lastBatchSize, Optional<Instant> lastRangeAt, Instant now) {
        if (lastBatchSize <= 0 || lastRangeAt.isEmpty()) {
            return MIN_RANGE;
        }
        Duration since = Duration.between(lastRangeAt.get(), now);
        if (since.compareTo(GROW_IF_USED_WITHIN) < 0) {
            return Math.min(MAX_RANGE, Math.max(MIN_RANGE, lastBatchSize * 2));
        }
        if (since.compareTo(SHRINK_IF_OLDER_THAN) > 0) {
            return Math.max(MIN_RANGE, lastBatchSize / 2);
        }
        return Math.max(MIN_RANGE, lastBatchSize);
    }

    /** Gives back the unused end of a range if no one took a later range meanwhile. */
    public void returnRange(String tag, long end, long lastUsed) {
        String key = key(tag);
        storage.write((WriteTxn w) -> {
            if (read(w, key) == end && lastUsed < end) {
                w.putSystemValue(key, bytes(lastUsed));
            }
            return null;
        });
    }

    /**
     * RavenDB keeps HiLo state in {@code Raven/Hilo/{tag}} documents; data imported or seeded with
     * such documents must not have its ids handed out again.
     */
    private static long maxFromDocument(ReadTxn txn, String tag) {
        return txn.get("Raven/Hilo/" + tag)
                .map(d -> dev.corvid.server.json.Json.parseStored(d.json()).path("Max").asLong(0))
                .orElse(0L);
    }

    public long currentMax(String tag) {
        return storage.read((ReadTxn r) -> read(r, key(tag)));
    }

    private static String key(String tag) {
        return "hilo/" + tag.toLowerCase(Locale.ROOT);
    }

    private static long read(ReadTxn txn, String key) {
        return txn.systemValue(key).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
    }

    private static byte[] bytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
