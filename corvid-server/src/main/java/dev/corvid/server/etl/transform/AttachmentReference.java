package dev.corvid.server.etl.transform;

import java.util.Objects;

/**
 * An attachment of the source document that a script sent along with an emitted document, from
 * {@code ref.addAttachment([destinationName,] loadAttachment(sourceName))}.
 *
 * @param sourceName      the attachment's name on the source document
 * @param destinationName its name on the destination document (the source name unless renamed)
 */
public record AttachmentReference(String sourceName, String destinationName) {
    public AttachmentReference {
        Objects.requireNonNull(sourceName);
        Objects.requireNonNull(destinationName);
    }
}
