package dev.corvid.server.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One command of a {@code bulk_docs} batch; a batch applies all its commands or none. */
public sealed interface BatchCommand {
    /**
     * Stores a document; an id ending in {@code /} or {@code |} asks the server to pick the id. With
     * {@code replaceAttachments} (a Corvid extension used by ETL) the document's attachments are
     * dropped, so the batch's AttachmentPUTs become its complete set.
     */
    record Put(String id, ObjectNode document, ExpectedChangeVector expected, boolean replaceAttachments)
            implements BatchCommand {
        public Put(String id, ObjectNode document, ExpectedChangeVector expected) {
            this(id, document, expected, false);
        }
    }

    record Delete(String id, ExpectedChangeVector expected) implements BatchCommand {
    }

    /** Deletes every document whose id starts with {@code prefix}. */
    record DeletePrefixed(String prefix) implements BatchCommand {
    }

    /** Adds an attachment; its bytes are the batch's attachment stream number {@code streamIndex}. */
    record PutAttachment(String documentId, String name, String contentType, ExpectedChangeVector expected,
                         int streamIndex) implements BatchCommand {
    }

    record DeleteAttachment(String documentId, String name, ExpectedChangeVector expected) implements BatchCommand {
    }
}
