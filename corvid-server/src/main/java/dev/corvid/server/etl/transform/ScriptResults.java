package dev.corvid.server.etl.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.StoredDocument;
import java.util.ArrayList;
import java.util.List;

/** Turns what the runtime returns into {@link TransformOutcome}s. */
final class ScriptResults {
    private ScriptResults() {
    }

    /**
     * Reads {@code {"i":[{"t":target,"d":object,"a":[[source,destination],…]}],"o":[…]}}.
     *
     * @throws JsonProcessingException when the result cannot be read, e.g. nesting deeper than Corvid allows
     */
    static TransformOutcome.Loaded read(String json) throws JsonProcessingException {
        JsonNode root = Json.MAPPER.readTree(json);
        List<LoadedItem> items = new ArrayList<>();
        for (JsonNode item : root.get("i")) {
            List<AttachmentReference> attachments = new ArrayList<>();
            JsonNode refs = item.get("a");
            if (refs != null) {
                refs.forEach(ref -> attachments.add(new AttachmentReference(ref.get(0).asText(), ref.get(1).asText())));
            }
            items.add(new LoadedItem(item.get("t").asText(), (ObjectNode) item.get("d"), attachments));
        }
        List<String> output = new ArrayList<>();
        root.get("o").forEach(line -> output.add(line.asText()));
        return new TransformOutcome.Loaded(items, output);
    }

    /**
     * The "copy everything" result of an empty Raven script (ETL.md §4.9): the whole document to its
     * own collection, with all its attachments under their own names.
     */
    static TransformOutcome.Loaded copyOf(StoredDocument document) {
        ObjectNode copy = Json.parseStored(document.json());
        List<AttachmentReference> attachments = new ArrayList<>();
        JsonNode listed = copy.path("@metadata").path("@attachments");
        for (JsonNode attachment : listed) {
            String name = attachment.path("Name").asText();
            attachments.add(new AttachmentReference(name, name));
        }
        return new TransformOutcome.Loaded(List.of(new LoadedItem(document.collection(), copy, attachments)), List.of());
    }
}
