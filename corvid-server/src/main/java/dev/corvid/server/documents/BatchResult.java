package dev.corvid.server.documents;

import dev.corvid.server.storage.AttachmentInfo;
import dev.corvid.server.storage.StoredDocument;
import java.util.Optional;

/** What one {@link BatchCommand} did, in the order of the commands. */
public sealed interface BatchResult {
    record Put(StoredDocument document) implements BatchResult {
    }

    record Deleted(String id, boolean deleted, Optional<String> changeVector) implements BatchResult {
    }

    record DeletedPrefixed(String prefix, long count) implements BatchResult {
    }

    record AttachmentPut(String documentId, AttachmentInfo attachment, String documentChangeVector) implements BatchResult {
    }

    record AttachmentDeleted(String documentId, String name, Optional<String> documentChangeVector) implements BatchResult {
    }
}
