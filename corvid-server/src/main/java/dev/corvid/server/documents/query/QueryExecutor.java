package dev.corvid.server.documents.query;

import dev.corvid.server.storage.CollectionStats;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Runs a {@link CollectionQuery} on one snapshot by scanning the collection in etag order; results
 * are therefore never stale. Each document is parsed at most once, and only when the query filters
 * or sorts. Without {@code where} and {@code order by} the scan stops after the page and the total
 * comes from the storage's collection counts. Without {@code order by} only the page is held in
 * memory; with it, the sort keys of the best {@code offset + limit} matches. A condition on
 * {@code id()} loads those documents instead of scanning.
 *
 * <p>Stateless; thread-safe as long as each thread uses its own {@link ReadTxn}.
 */
public final class QueryExecutor {
    private QueryExecutor() {
    }

    /** Runs the query on {@code txn}'s snapshot. */
    public static QueryResult execute(ReadTxn txn, CollectionQuery query) {
        Objects.requireNonNull(txn);
        Objects.requireNonNull(query);
        Optional<Condition> filter = query.where().filter(w -> !(w instanceof Condition.True));
        if (filter.isEmpty() && query.orderBy().isEmpty()) {
            return unfilteredPage(txn, query);
        }
        MatchCollector matches = query.orderBy().isEmpty()
                ? new PageCollector(query.offset(), query.limit())
                : new SortedCollector(new SortKeys(query.orderBy()), query.offset(), query.limit());
        ResultEtag resultEtag = new ResultEtag();
        Condition condition = filter.orElse(new Condition.True());
        forEachCandidate(txn, query.collection(), filter, document -> {
            DocumentView view = new DocumentView(document);
            if (ConditionEvaluator.matches(condition, view)) {
                resultEtag.add(document.etag());
                matches.add(view);
            }
            return true;
        });
        return new QueryResult(matches.page(), matches.total(), 0, resultEtag.value(), query.indexName());
    }

    /**
     * Every document matches: read just the page, count with the storage's statistics. The result etag
     * is the database's last etag, which moves whenever any document changes.
     */
    private static QueryResult unfilteredPage(ReadTxn txn, CollectionQuery query) {
        PageCollector page = new PageCollector(query.offset(), query.limit());
        if (!page.isFull()) {
            txn.forEachDocument(0, query.collection(), document -> {
                page.add(new DocumentView(document));
                return !page.isFull();
            });
        }
        long total = countDocuments(txn.stats(), query.collection());
        return new QueryResult(page.page(), total, 0, txn.lastEtag(), query.indexName());
    }

    private static long countDocuments(CollectionStats stats, Optional<String> collection) {
        if (collection.isEmpty()) {
            return stats.documents();
        }
        return stats.documentsByCollection().entrySet().stream()
                .filter(e -> sameCollection(e.getKey(), collection.get()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** Scans the collection, or loads the documents an {@code id()} condition names, in etag order. */
    private static void forEachCandidate(ReadTxn txn, Optional<String> collection, Optional<Condition> filter,
                                         Predicate<StoredDocument> visitor) {
        Optional<List<String>> ids = filter.flatMap(IdLookup::idsOf);
        if (ids.isEmpty()) {
            txn.forEachDocument(0, collection, visitor);
            return;
        }
        TreeMap<Long, StoredDocument> byEtag = new TreeMap<>();
        for (String id : ids.get()) {
            txn.get(id)
                    .filter(d -> collection.isEmpty() || sameCollection(d.collection(), collection.get()))
                    .ifPresent(d -> byEtag.put(d.etag(), d));
        }
        for (StoredDocument document : byEtag.values()) {
            if (!visitor.test(document)) {
                return;
            }
        }
    }

    /** Collections match ignoring case, the way the storage folds them. */
    private static boolean sameCollection(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
