package dev.corvid.server.etl.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * One object a script emitted with {@code loadTo}: its target and its JSON text exactly as the script
 * serialized it at the call, parsed into a tree only when someone asks for {@link #document()}.
 *
 * <p>Target: the collection (Raven) or table (SQL) exactly as written in the script. The object: for
 * Raven it keeps whatever {@code @metadata} the script put there (the loader cleans it, ETL.md §5.4);
 * SQL column values may be {@code {Type, Value, Size}} objects or {@code $attachment/<name>} markers
 * (ETL.md §6.5, §6.6). Attachments: those to send with the document (Raven), in call order.
 *
 * <p>Not thread-safe: owned by the thread that transforms the document.
 */
public final class LoadedItem {
    private final String target;
    private final List<AttachmentReference> attachments;
    private String json;
    private ObjectNode document;
    private final FlatRow flatRow;

    /** @param json a JSON object whose nesting {@link ScriptResults} has checked */
    LoadedItem(String target, String json, List<AttachmentReference> attachments) {
        this.target = Objects.requireNonNull(target);
        this.json = Objects.requireNonNull(json);
        this.flatRow = null;
        this.attachments = List.copyOf(attachments);
    }

    /** An SQL row the runtime sent as {@link FlatRow} parts. */
    LoadedItem(String target, FlatRow flatRow) {
        this.target = Objects.requireNonNull(target);
        this.flatRow = flatRow;
        this.attachments = List.of();
    }

    LoadedItem(String target, ObjectNode document, List<AttachmentReference> attachments) {
        this.target = Objects.requireNonNull(target);
        this.document = Objects.requireNonNull(document);
        this.flatRow = null;
        this.attachments = List.copyOf(attachments);
    }

    public String target() {
        return target;
    }

    /** The object as JSON text, as the script serialized it. */
    public String json() {
        if (json == null) {
            json = flatRow != null ? flatRow.toJson() : document.toString();
        }
        return json;
    }

    /** The SQL row as a {@link FlatRow}, when the runtime sent it so; null when it sent JSON. */
    public FlatRow flatRow() {
        return flatRow;
    }

    /** The object as a tree, parsed on first use; the same tree on every call, owned by the caller. */
    public ObjectNode document() {
        if (document == null) {
            try {
                document = (ObjectNode) Json.MAPPER.readTree(json());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("JSON.stringify gave what Jackson cannot read: " + e.getOriginalMessage(), e);
            }
        }
        return document;
    }

    public List<AttachmentReference> attachments() {
        return attachments;
    }

    @Override
    public String toString() {
        return "LoadedItem[" + target + ", " + json() + ", " + attachments + "]";
    }
}
