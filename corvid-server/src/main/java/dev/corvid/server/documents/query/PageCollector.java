package dev.corvid.server.documents.query;

import dev.corvid.server.storage.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects matches in arrival (etag) order: skips {@code offset}, keeps up to {@code limit}. */
final class PageCollector implements MatchCollector {
    private final long offset;
    private final long limit;
    private final List<StoredDocument> page = new ArrayList<>();
    private long total;

    PageCollector(long offset, Optional<Long> limit) {
        this.offset = offset;
        this.limit = limit.orElse(Long.MAX_VALUE);
    }

    @Override
    public void add(DocumentView match) {
        total++;
        if (total > offset && !isFull()) {
            page.add(match.document());
        }
    }

    /** True once the page holds {@code limit} documents: later matches only count. */
    boolean isFull() {
        return page.size() >= limit;
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public List<StoredDocument> page() {
        return page;
    }
}
