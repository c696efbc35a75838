package dev.corvid.server.storage;

import java.util.Map;

/** Counts kept by the storage in the same transactions as the writes, so they are always exact. */
public record CollectionStats(long documents, long tombstones, long attachments, long uniqueAttachments,
                              Map<String, Long> documentsByCollection) {
}
