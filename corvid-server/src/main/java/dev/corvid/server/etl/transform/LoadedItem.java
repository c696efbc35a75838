package dev.corvid.server.etl.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One object a script emitted with {@code loadTo}.
 *
 * @param target      the collection (Raven) or table (SQL) exactly as written in the script
 * @param document    the object as it was when {@code loadTo} was called; a fresh tree owned by the
 *                    caller. For Raven it keeps whatever {@code @metadata} the script put there (the
 *                    loader cleans it, ETL.md §5.4); SQL column values may be {@code {Type, Value, Size}}
 *                    objects or {@code $attachment/<name>} markers (ETL.md §6.5, §6.6)
 * @param attachments attachments to send with the document (Raven), in call order
 */
public record LoadedItem(String target, ObjectNode document, List<AttachmentReference> attachments) {
    public LoadedItem {
        Objects.requireNonNull(target);
        Objects.requireNonNull(document);
        attachments = List.copyOf(attachments);
    }
}
