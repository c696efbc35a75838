package dev.corvid.server.etl.load.raven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Metadata;
import java.util.List;
import java.util.Optional;

/** Builders for the batch commands Raven ETL sends (PROTOCOL.md §5.1) and the metadata rules of ETL.md §5.4. */
final class RavenCommands {
    private static final List<String> SYSTEM_METADATA = List.of(Metadata.ID, Metadata.CHANGE_VECTOR,
            Metadata.LAST_MODIFIED, Metadata.FLAGS, Metadata.ATTACHMENTS, "@counters", "@timeseries", "@projection");

    private RavenCommands() {
    }

    static ObjectNode put(String id, JsonNode document, boolean replaceAttachments) {
        ObjectNode command = Json.object();
        command.put("Id", id);
        command.putNull("ChangeVector");
        command.set("Document", document);
        command.put("Type", "PUT");
        if (replaceAttachments) {
            command.put("ReplaceAttachments", true);
        }
        return command;
    }

    /** A PUT of a stored document copied as it is ({@link CopiedDocument}), streamed when the batch is written. */
    static ObjectNode putCopy(String id, byte[] storedJson, String collection) {
        return put(id, new POJONode(new CopiedDocument(storedJson, collection)), true);
    }

    /**
     * A PUT of an object a script emitted, as its JSON text with {@code "@metadata":{"@collection":…}}
     * appended, without parsing it; or {@code Optional.empty()} when the object has metadata of its own
     * to clean (then {@link #prepare} it as a tree). The text is a JSON object, as the runtime ensures.
     */
    static Optional<ObjectNode> putEmitted(String id, String json, String collection) {
        if (json.contains("\"" + Metadata.KEY + "\"")) {
            return Optional.empty();
        }
        String metadata = "\"" + Metadata.KEY + "\":{\"" + Metadata.COLLECTION + "\":" + Json.NODES.textNode(collection) + "}}";
        String document = json.length() == 2 ? "{" + metadata : json.substring(0, json.length() - 1) + "," + metadata;
        return Optional.of(put(id, new POJONode(new RawValue(document)), true));
    }

    /** Whether the destination assigns this metadata field itself, so that ETL does not send it. */
    static boolean isSystemMetadata(String key) {
        return SYSTEM_METADATA.contains(key);
    }

    static ObjectNode delete(String id) {
        ObjectNode command = Json.object();
        command.put("Id", id);
        command.putNull("ChangeVector");
        command.put("Type", "DELETE");
        return command;
    }

    static ObjectNode deletePrefixed(String prefix) {
        ObjectNode command = delete(prefix);
        command.put("IdPrefixed", true);
        return command;
    }

    static ObjectNode putAttachment(String documentId, String name, String contentType) {
        ObjectNode command = Json.object();
        command.put("Id", documentId);
        command.put("Name", name);
        command.put("ContentType", contentType);
        command.putNull("ChangeVector");
        command.put("Type", "AttachmentPUT");
        return command;
    }

    /**
     * Cleans an emitted document's metadata: the destination assigns ids, change vectors, dates,
     * flags and attachment lists itself. {@code @collection} becomes {@code collection} when the
     * document goes to another collection or has none.
     */
    static ObjectNode prepare(ObjectNode document, String collection, boolean sameCollection) {
        ObjectNode metadata = document.has(Metadata.KEY) && document.get(Metadata.KEY).isObject()
                ? (ObjectNode) document.get(Metadata.KEY)
                : document.putObject(Metadata.KEY);
        metadata.remove(SYSTEM_METADATA);
        if (!sameCollection || !metadata.hasNonNull(Metadata.COLLECTION)) {
            metadata.put(Metadata.COLLECTION, collection);
        }
        return document;
    }

    /** The id prefix of another collection, by the client's convention: {@code People} → {@code people}, {@code OrderLines} stays. */
    static String collectionPrefix(String collection) {
        long upper = collection.chars().filter(Character::isUpperCase).count();
        return upper <= 1 ? collection.toLowerCase(java.util.Locale.ROOT) : collection;
    }
}
