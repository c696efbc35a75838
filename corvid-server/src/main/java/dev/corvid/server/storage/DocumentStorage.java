package dev.corvid.server.storage;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The storage of one database.
 *
 * <p>Writes go through a transaction merger: concurrent writers are committed together with one
 * durable flush, and a write's future completes only after its transaction is on disk, so every
 * acknowledged write survives a crash. Reads run on snapshots and never block writers.
 * Thread-safe.
 */
public interface DocumentStorage extends AutoCloseable {
    /** Runs {@code work} on a snapshot that is released afterwards. */
    <T> T read(Function<ReadTxn, T> work);

    /** Opens a snapshot for a long scan; the caller must close it (and should renew it now and then). */
    Snapshot openSnapshot();

    /** Queues {@code work} for the merged writer; the future completes once the work is durable. */
    <T> CompletableFuture<T> submit(Function<WriteTxn, T> work);

    /** {@link #submit} and wait; rethrows the work's exception unchanged. */
    <T> T write(Function<WriteTxn, T> work);

    /** Called, on the writer thread, with the last etag after every commit that changed something. */
    void addCommitListener(LongConsumer lastEtagListener);

    /** Bytes used on disk. */
    long sizeOnDisk();

    @Override
    void close();

    /** A read snapshot that must be closed. */
    interface Snapshot extends ReadTxn, AutoCloseable {
        @Override
        void close();
    }
}
