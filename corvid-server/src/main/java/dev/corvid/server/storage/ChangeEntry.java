package dev.corvid.server.storage;

/**
 * One entry of the etag-ordered change log of a database: a live document at its latest etag, or
 * the tombstone a delete left. Each etag appears at most once.
 */
public sealed interface ChangeEntry permits StoredDocument, Tombstone {
    long etag();

    /** The id with its original casing. */
    String id();

    /** The collection name as first written ({@code @empty} for documents without one). */
    String collection();

    String changeVector();
}
