package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.StoredDocument;

/** A stored document whose JSON is parsed on first use and at most once. Not thread-safe. */
final class DocumentView {
    private final StoredDocument document;
    private JsonNode json;

    DocumentView(StoredDocument document) {
        this.document = document;
    }

    StoredDocument document() {
        return document;
    }

    JsonNode json() {
        if (json == null) {
            json = Json.parseStored(document.json());
        }
        return json;
    }
}
