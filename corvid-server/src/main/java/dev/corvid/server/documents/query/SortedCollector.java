package dev.corvid.server.documents.query;

import dev.corvid.server.storage.StoredDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Collects matches for an {@code order by} query. With a limit it keeps only the best
 * {@code offset + limit} matches seen so far (trimming when twice that many are held), so memory is
 * bounded by the page, not by the collection. Equal keys keep etag order.
 */
final class SortedCollector implements MatchCollector {
    /** Beyond this many kept matches a limit no longer bounds memory usefully; keep everything. */
    private static final long MAX_BOUNDED = 1 << 20;

    private record Entry(Object[] keys, long sequence, StoredDocument document) {
    }

    private final SortKeys keys;
    private final long offset;
    private final long needed;
    private final Comparator<Entry> order;
    private final List<Entry> kept = new ArrayList<>();
    private long total;

    SortedCollector(SortKeys keys, long offset, Optional<Long> limit) {
        this.keys = keys;
        this.offset = offset;
        this.needed = MatchCollector.needed(offset, limit);
        Comparator<Entry> byKeys = (a, b) -> keys.compare(a.keys(), b.keys());
        this.order = byKeys.thenComparingLong(Entry::sequence);
    }

    @Override
    public void add(DocumentView match) {
        total++;
        if (needed == 0) {
            return;
        }
        kept.add(new Entry(keys.of(match), total, match.document()));
        if (needed <= MAX_BOUNDED && kept.size() >= 2 * needed) {
            trimTo(needed);
        }
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public List<StoredDocument> page() {
        trimTo(needed);
        int from = (int) Math.min(offset, kept.size());
        return kept.subList(from, kept.size()).stream().map(Entry::document).toList();
    }

    private void trimTo(long size) {
        kept.sort(order);
        if (kept.size() > size) {
            kept.subList((int) size, kept.size()).clear();
        }
    }
}
