package dev.corvid.server.documents;

/** Told when a database opens (at start or creation) and before it closes (at deletion or shutdown). */
public interface DatabaseListener {
    void opened(Database database);

    void closing(Database database);
}
