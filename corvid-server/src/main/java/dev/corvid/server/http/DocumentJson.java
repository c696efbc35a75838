package dev.corvid.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Metadata;
import dev.corvid.server.storage.StoredDocument;
import java.io.IOException;
import java.util.Map;

/** Writes stored documents into responses without re-encoding them. */
public final class DocumentJson {
    private DocumentJson() {
    }

    public static void write(JsonGenerator out, StoredDocument document, boolean metadataOnly) throws IOException {
        if (!metadataOnly) {
            out.writeRawValue(document.jsonText());
            return;
        }
        JsonNode metadata = Json.parseStored(document.json()).path(Metadata.KEY);
        out.writeStartObject();
        out.writeFieldName(Metadata.KEY);
        out.writeTree(metadata);
        out.writeEndObject();
    }

    /** {@code "Includes": {id: document, …}}. */
    public static void writeIncludes(JsonGenerator out, Map<String, StoredDocument> includes) throws IOException {
        out.writeObjectFieldStart("Includes");
        for (Map.Entry<String, StoredDocument> include : includes.entrySet()) {
            out.writeFieldName(include.getKey());
            write(out, include.getValue(), false);
        }
        out.writeEndObject();
    }
}
