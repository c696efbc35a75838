package dev.corvid.server.storage;

/** An attachment with its content and the change vector of the document that holds it. */
public record Attachment(AttachmentInfo info, String documentChangeVector, byte[] content) {
}
