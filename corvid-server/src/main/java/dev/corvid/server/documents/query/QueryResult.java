package dev.corvid.server.documents.query;

import dev.corvid.server.storage.StoredDocument;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link CollectionQuery}.
 *
 * @param results        the requested page of matches, in query order
 * @param totalResults   how many documents matched, ignoring paging
 * @param skippedResults always 0: RavenDB counts results dropped by {@code distinct} here, and the
 *                       client adds it to the next page's start
 * @param resultEtag     changes whenever a matching document (or the set of matches) changes; for HTTP caching
 * @param indexName      {@code collection/{Collection}} or {@code AllDocs}
 */
public record QueryResult(List<StoredDocument> results, long totalResults, long skippedResults, long resultEtag,
                          String indexName) {
    public QueryResult {
        results = List.copyOf(results);
        Objects.requireNonNull(indexName);
    }
}
