package dev.corvid.server.documents.query;

import dev.corvid.server.storage.StoredDocument;
import java.util.List;
import java.util.Optional;

/** Receives the matches of a query in etag order; counts them all and keeps only what the page needs. */
sealed interface MatchCollector permits PageCollector, SortedCollector {
    void add(DocumentView match);

    /** How many matches were added. */
    long total();

    /** The requested page, in query order. */
    List<StoredDocument> page();

    /** {@code offset + limit}, or {@link Long#MAX_VALUE} without a limit. */
    static long needed(long offset, Optional<Long> limit) {
        return limit.map(l -> l > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + l).orElse(Long.MAX_VALUE);
    }
}
