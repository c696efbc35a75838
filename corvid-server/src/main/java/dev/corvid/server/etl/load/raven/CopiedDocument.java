package dev.corvid.server.etl.load.raven;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Metadata;
import java.io.IOException;

/**
 * A stored document as an empty script copies it: streamed token by token from its stored JSON into
 * the batch request, with the metadata cleaned as {@link RavenCommands#prepare} cleans a tree, but
 * without building one. Numbers keep their exact text. Immutable.
 */
final class CopiedDocument implements JsonSerializable {
    private final byte[] storedJson;
    private final String collection;

    CopiedDocument(byte[] storedJson, String collection) {
        this.storedJson = storedJson;
        this.collection = collection;
    }

    @Override
    public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
        try (JsonParser in = Json.MAPPER.getFactory().createParser(storedJson)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a stored document is a JSON object");
            }
            out.writeStartObject();
            boolean metadataWritten = false;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (name.equals(Metadata.KEY) && value == JsonToken.START_OBJECT) {
                    out.writeFieldName(name);
                    copyMetadata(in, out);
                    metadataWritten = true;
                } else if (name.equals(Metadata.KEY)) {
                    in.skipChildren(); // not an object: replaced, as prepare() does
                } else {
                    out.writeFieldName(name);
                    out.copyCurrentStructureExact(in);
                }
            }
            if (!metadataWritten) {
                out.writeObjectFieldStart(Metadata.KEY);
                out.writeStringField(Metadata.COLLECTION, collection);
                out.writeEndObject();
            }
            out.writeEndObject();
        }
    }

    /** The metadata object without the fields the destination assigns; {@code @collection} added when missing. */
    private void copyMetadata(JsonParser in, JsonGenerator out) throws IOException {
        out.writeStartObject();
        boolean hasCollection = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String key = in.currentName();
            JsonToken value = in.nextToken();
            boolean nullCollection = key.equals(Metadata.COLLECTION) && value == JsonToken.VALUE_NULL;
            if (RavenCommands.isSystemMetadata(key) || nullCollection) {
                in.skipChildren();
                continue;
            }
            hasCollection |= key.equals(Metadata.COLLECTION);
            out.writeFieldName(key);
            out.copyCurrentStructureExact(in);
        }
        if (!hasCollection) {
            out.writeStringField(Metadata.COLLECTION, collection);
        }
        out.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer typeSerializer)
            throws IOException {
        serialize(out, serializers);
    }
}
