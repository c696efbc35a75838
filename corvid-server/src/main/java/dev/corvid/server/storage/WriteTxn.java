package dev.corvid.server.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A write transaction. Everything done through it commits together or not at all; a
 * {@link RuntimeException} thrown by the work function undoes all of it.
 */
public interface WriteTxn extends ReadTxn {
    /**
     * Stores a document under a new etag. The collection comes from {@code @metadata.@collection}
     * ({@code @empty} without one). The storage writes the system metadata ({@code @id},
     * {@code @change-vector}, {@code @last-modified}, {@code @flags}, {@code @attachments}); existing
     * attachments are kept. The given node is modified in place.
     */
    default StoredDocument put(String id, ObjectNode document) {
        return put(id, document, true);
    }

    /**
     * Like {@link #put(String, ObjectNode)}; with {@code keepAttachments} false the document's existing
     * attachments are removed (ETL replaces a document together with its attachments).
     */
    StoredDocument put(String id, ObjectNode document, boolean keepAttachments);

    /** Deletes a document, leaving a tombstone. Empty if there was no such document. */
    Optional<Tombstone> delete(String id);

    /** Deletes every document whose id starts with {@code prefix} (case-insensitive); returns how many. */
    long deletePrefixed(String prefix);

    /** Adds or replaces an attachment of an existing document; the document gets a new etag. */
    StoredDocument putAttachment(String documentId, String name, String contentType, byte[] content);

    /** Removes an attachment; the document gets a new etag. Empty if document or attachment was missing. */
    Optional<StoredDocument> deleteAttachment(String documentId, String name);

    /** Removes tombstones with an etag up to and including {@code etag}; returns how many. */
    long purgeTombstones(long upToEtag);

    void putSystemValue(String key, byte[] value);
}
