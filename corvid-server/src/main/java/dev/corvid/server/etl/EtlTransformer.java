package dev.corvid.server.etl;

import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;

/**
 * Turns one extracted document or tombstone into what the provider's sink loads. One per process
 * thread; not thread-safe.
 *
 * @param <T> the provider's transformed item
 */
public interface EtlTransformer<T> extends AutoCloseable {
    /** Transforms {@code entry}; {@code snapshot} is the batch's source snapshot (for {@code load()} and attachments). */
    TransformedItem<T> transform(ChangeEntry entry, ReadTxn snapshot);

    @Override
    default void close() {
    }
}
