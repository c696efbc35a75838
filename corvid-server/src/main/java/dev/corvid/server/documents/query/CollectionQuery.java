package dev.corvid.server.documents.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed collection query: {@code from <collection> [where …] [order by …] [limit …]}.
 *
 * @param collection the collection as the user wrote it (matched ignoring case); empty for {@code @all_docs}
 * @param where      the filter; empty when every document of the collection matches
 * @param orderBy    the sort keys, most significant first; empty keeps etag order
 * @param offset     how many matches to skip
 * @param limit      how many matches to return at most; empty for all
 */
public record CollectionQuery(Optional<String> collection, Optional<Condition> where, List<OrderBy> orderBy,
                              long offset, Optional<Long> limit) {
    public CollectionQuery {
        Objects.requireNonNull(collection);
        Objects.requireNonNull(where);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(limit);
        if (offset < 0 || limit.orElse(0L) < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** The name RavenDB reports for the index that answers this query: {@code collection/Users} or {@code AllDocs}. */
    public String indexName() {
        return collection.map(c -> "collection/" + c).orElse("AllDocs");
    }

    /** The same query over every match: no offset, no limit (delete by query works on all of them). */
    public CollectionQuery withoutPaging() {
        return new CollectionQuery(collection, where, orderBy, 0, Optional.empty());
    }
}
