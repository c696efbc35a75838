package dev.corvid.server.etl.process;

import dev.corvid.server.storage.Attachment;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.CollectionStats;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.util.Optional;
import java.util.function.Predicate;

/** One snapshot used by several threads, one call at a time. */
final class SynchronizedReadTxn implements ReadTxn {
    private final ReadTxn delegate;

    SynchronizedReadTxn(ReadTxn delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized Optional<StoredDocument> get(String id) {
        return delegate.get(id);
    }

    @Override
    public synchronized void forEachChange(long afterEtag, Optional<String> collection, Predicate<ChangeEntry> visitor) {
        delegate.forEachChange(afterEtag, collection, visitor);
    }

    @Override
    public synchronized void forEachDocumentWithPrefix(String prefix, Predicate<StoredDocument> visitor) {
        delegate.forEachDocumentWithPrefix(prefix, visitor);
    }

    @Override
    public synchronized Optional<Tombstone> tombstone(String id) {
        return delegate.tombstone(id);
    }

    @Override
    public synchronized Optional<Attachment> attachment(String documentId, String name) {
        return delegate.attachment(documentId, name);
    }

    @Override
    public synchronized long lastEtag() {
        return delegate.lastEtag();
    }

    @Override
    public synchronized CollectionStats stats() {
        return delegate.stats();
    }

    @Override
    public synchronized String databaseId() {
        return delegate.databaseId();
    }

    @Override
    public synchronized Optional<byte[]> systemValue(String key) {
        return delegate.systemValue(key);
    }
}
