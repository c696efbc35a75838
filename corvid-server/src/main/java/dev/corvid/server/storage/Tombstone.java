package dev.corvid.server.storage;

import java.time.Instant;

/** What a deleted document leaves behind until purged, so ETL can propagate the delete. */
public record Tombstone(String id, String collection, long etag, String changeVector, Instant deletedAt)
        implements ChangeEntry {
}
