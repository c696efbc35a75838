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
     * Reads the string {@link ScriptPrelude}'s {@code run} returns: fields separated by
     * {@link ScriptPrelude#SEPARATOR} — the item count, then per item the target's index in
     * {@code targets}, the object's JSON (or, for most SQL rows, its {@link FlatRow} fields) and the
     * attachments' JSON, then the output lines as a JSON array (or no field). The objects are sliced
     * out, not parsed: only their nesting depth is checked.
     *
     * @param targets the script's targets, in the order the runtime numbers them
     * @throws Unstorable when an object is nested deeper than Corvid stores documents
     */
    static TransformOutcome.Loaded read(String result, List<String> targets) throws Unstorable {
        Fields fields = new Fields(result);
        int count = fields.nextInt();
        List<LoadedItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String target = targets.get(fields.nextInt());
            fields.advance();
            if (FlatRow.isFlat(result, fields.start, fields.end)) {
                FlatRow row = new FlatRow(result, fields.position, Integer.parseInt(result, fields.start + 1, fields.end, 10));
                items.add(new LoadedItem(target, row));
                fields.position = row.after();
                fields.advance(); // no attachments: SQL rows carry them as values
                continue;
            }
            String json = fields.current();
            String attachments = fields.next();
            if (json.length() > MAX_NESTING_DEPTH && nestingDepth(json) > MAX_NESTING_DEPTH) {
                throw new Unstorable("the object given to loadTo" + target + "() is nested deeper than "
                        + MAX_NESTING_DEPTH + " levels");
            }
            items.add(new LoadedItem(target, json, attachments.isEmpty() ? List.of() : attachmentReferences(attachments)));
        }
        List<String> output = new ArrayList<>();
        if (fields.hasNext()) {
            parse(fields.next()).forEach(line -> output.add(line.asText()));
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

    /** The separated fields of a result, in order: {@link #advance()} finds the next one, which {@code start} and {@code end} then delimit. */
    private static final class Fields {
        private final String text;
        private int position;
        private int start;
        private int end;

        Fields(String text) {
            this.text = text;
        }

        boolean hasNext() {
            return position <= text.length();
        }

        void advance() {
            start = position;
            end = ScriptPrelude.fieldEnd(text, position);
            position = end + 1;
        }

        String current() {
            return text.substring(start, end);
        }

        String next() {
            advance();
            return current();
        }

        int nextInt() {
            advance();
            return Integer.parseInt(text, start, end, 10);
        }
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
