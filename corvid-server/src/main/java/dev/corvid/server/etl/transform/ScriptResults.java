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
    /** As deep as Corvid stores documents ({@link Json#MAPPER}'s limit). */
    static final int MAX_NESTING_DEPTH = 200;

    private ScriptResults() {
    }

    /** The emitted object cannot be stored; the document fails with this message. */
    static final class Unstorable extends Exception {
        Unstorable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads the string {@link ScriptPrelude}'s {@code run} returns: {@code count:}, then per item the
     * length-prefixed target, object JSON and attachments JSON, then the output lines as a JSON array
     * (or nothing). The objects are sliced out, not parsed: only their nesting depth is checked.
     *
     * @throws Unstorable when an object is nested deeper than Corvid stores documents
     */
    static TransformOutcome.Loaded read(String result) throws Unstorable {
        int[] position = {0};
        int count = number(result, position);
        List<LoadedItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String target = field(result, position);
            String json = field(result, position);
            String attachments = field(result, position);
            if (json.length() > MAX_NESTING_DEPTH && nestingDepth(json) > MAX_NESTING_DEPTH) {
                throw new Unstorable("the object given to loadTo" + target + "() is nested deeper than "
                        + MAX_NESTING_DEPTH + " levels");
            }
            items.add(new LoadedItem(target, json, attachments.isEmpty() ? List.of() : attachmentReferences(attachments)));
        }
        List<String> output = new ArrayList<>();
        if (position[0] < result.length()) {
            parse(result.substring(position[0])).forEach(line -> output.add(line.asText()));
        }
        return new TransformOutcome.Loaded(items, output, result.length());
    }

    private static List<AttachmentReference> attachmentReferences(String json) {
        List<AttachmentReference> references = new ArrayList<>();
        parse(json).forEach(ref -> references.add(new AttachmentReference(ref.get(0).asText(), ref.get(1).asText())));
        return references;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ETL runtime returned JSON Jackson cannot read: " + e.getOriginalMessage(), e);
        }
    }

    /** A decimal number ended by {@code :}, from {@code position[0]}, which moves past the colon. */
    private static int number(String result, int[] position) {
        int value = 0;
        int i = position[0];
        for (char c = result.charAt(i); c != ':'; c = result.charAt(++i)) {
            value = value * 10 + (c - '0');
        }
        position[0] = i + 1;
        return value;
    }

    private static String field(String result, int[] position) {
        int length = number(result, position);
        int start = position[0];
        position[0] = start + length;
        return result.substring(start, start + length);
    }

    /** How deeply objects and arrays nest in a JSON text ({@code {}} is 1), ignoring brackets inside strings. */
    static int nestingDepth(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
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
        return new TransformOutcome.Loaded(List.of(new LoadedItem(document.collection(), copy, attachments)), List.of(),
                document.json().length);
    }
}
