package dev.corvid.server.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A document as stored: its JSON (with a complete {@code @metadata} object: {@code @id},
 * {@code @collection}, {@code @change-vector}, {@code @last-modified} and, when it has attachments,
 * {@code @flags} and {@code @attachments}) plus the fields the storage indexes.
 */
public record StoredDocument(String id, String collection, long etag, String changeVector,
                             Instant lastModified, boolean hasAttachments, byte[] json) implements ChangeEntry {
    public StoredDocument {
        Objects.requireNonNull(id);
        Objects.requireNonNull(collection);
        Objects.requireNonNull(changeVector);
        Objects.requireNonNull(lastModified);
        Objects.requireNonNull(json);
    }

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "StoredDocument[" + id + ", " + collection + ", etag " + etag + "]";
    }
}
