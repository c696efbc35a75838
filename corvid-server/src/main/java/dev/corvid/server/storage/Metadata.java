package dev.corvid.server.storage;

/** Names of RavenDB's document metadata keys. */
public final class Metadata {
    public static final String KEY = "@metadata";
    public static final String ID = "@id";
    public static final String COLLECTION = "@collection";
    public static final String CHANGE_VECTOR = "@change-vector";
    public static final String LAST_MODIFIED = "@last-modified";
    public static final String FLAGS = "@flags";
    public static final String ATTACHMENTS = "@attachments";
    public static final String EMPTY_COLLECTION = "@empty";
    public static final String HAS_ATTACHMENTS = "HasAttachments";

    private Metadata() {
    }
}
