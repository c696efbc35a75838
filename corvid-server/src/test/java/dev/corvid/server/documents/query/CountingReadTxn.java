package dev.corvid.server.documents.query;

import dev.corvid.server.storage.Attachment;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.CollectionStats;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.util.Optional;
import java.util.function.Predicate;

/** A real snapshot that counts how many entries scans visit and how many documents are loaded by id. */
final class CountingReadTxn implements ReadTxn {
    private final ReadTxn real;
    int visited;
    int loadedById;

    CountingReadTxn(ReadTxn real) {
        this.real = real;
    }

    @Override
    public Optional<StoredDocument> get(String id) {
        loadedById++;
        return real.get(id);
    }

    @Override
    public void forEachChange(long afterEtag, Optional<String> collection, Predicate<ChangeEntry> visitor) {
        real.forEachChange(afterEtag, collection, e -> {
            visited++;
            return visitor.test(e);
        });
    }

    @Override
    public void forEachDocumentWithPrefix(String prefix, Predicate<StoredDocument> visitor) {
        real.forEachDocumentWithPrefix(prefix, d -> {
            visited++;
            return visitor.test(d);
        });
    }

    @Override
    public Optional<Tombstone> tombstone(String id) {
        return real.tombstone(id);
    }

    @Override
    public Optional<Attachment> attachment(String documentId, String name) {
        return real.attachment(documentId, name);
    }

    @Override
    public long lastEtag() {
        return real.lastEtag();
    }

    @Override
    public CollectionStats stats() {
        return real.stats();
    }

    @Override
    public String databaseId() {
        return real.databaseId();
    }

    @Override
    public Optional<byte[]> systemValue(String key) {
        return real.systemValue(key);
    }
}
