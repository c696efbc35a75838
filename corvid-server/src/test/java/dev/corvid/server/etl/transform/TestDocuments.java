package dev.corvid.server.etl.transform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.AttachmentInfo;
import dev.corvid.server.storage.StoredDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Stored documents as the storage hands them out, with complete {@code @metadata}. */
final class TestDocuments {
    static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09Z");

    private TestDocuments() {
    }

    static StoredDocument document(String id, String collection, String json, AttachmentInfo... attachments) {
        ObjectNode body = parse(json);
        ObjectNode metadata = body.has("@metadata") ? (ObjectNode) body.get("@metadata") : body.putObject("@metadata");
        metadata.put("@collection", collection);
        metadata.put("@id", id);
        metadata.put("@change-vector", "A:1-abc");
        metadata.put("@last-modified", Json.formatDate(MODIFIED));
        if (attachments.length > 0) {
            metadata.put("@flags", "HasAttachments");
            ArrayNode list = metadata.putArray("@attachments");
            for (AttachmentInfo a : attachments) {
                list.addObject().put("Name", a.name()).put("Hash", a.hash()).put("ContentType", a.contentType()).put("Size", a.size());
            }
        }
        return new StoredDocument(id, collection, 1, "A:1-abc", MODIFIED, attachments.length > 0, Json.toBytes(body));
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> attachmentNames(List<AttachmentReference> refs) {
        return refs.stream().map(r -> r.sourceName() + "->" + r.destinationName()).toList();
    }
}
