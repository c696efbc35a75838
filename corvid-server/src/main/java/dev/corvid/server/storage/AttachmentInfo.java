package dev.corvid.server.storage;

/**
 * An attachment of one document, as listed in its {@code @attachments} metadata.
 *
 * @param hash Base64 of the SHA-256 of the content; content is stored once per hash
 */
public record AttachmentInfo(String name, String hash, String contentType, long size) {
}
