package dev.corvid.server.storage;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A consistent snapshot of one database. Everything read through it belongs to the same committed
 * state: a scan never sees half of a transaction. Not thread-safe; use from one thread at a time.
 */
public interface ReadTxn {
    /** Looks a document up by id, ignoring case. */
    Optional<StoredDocument> get(String id);

    /**
     * Visits documents and tombstones with an etag greater than {@code afterEtag}, in etag order,
     * optionally only those of one collection (case-insensitive). Stops when the visitor returns false.
     */
    void forEachChange(long afterEtag, Optional<String> collection, Predicate<ChangeEntry> visitor);

    /** Like {@link #forEachChange} but documents only. */
    default void forEachDocument(long afterEtag, Optional<String> collection, Predicate<StoredDocument> visitor) {
        forEachChange(afterEtag, collection, e -> !(e instanceof StoredDocument d) || visitor.test(d));
    }

    /** Visits documents whose id starts with {@code prefix} (case-insensitive), in id order. */
    void forEachDocumentWithPrefix(String prefix, Predicate<StoredDocument> visitor);

    Optional<Tombstone> tombstone(String id);

    Optional<Attachment> attachment(String documentId, String name);

    /** The highest etag ever given out in this database (0 when empty). */
    long lastEtag();

    CollectionStats stats();

    /** Unique id of this database, part of every change vector. */
    String databaseId();

    /** A small system value (HiLo maxima, identities, the database record). */
    Optional<byte[]> systemValue(String key);
}
