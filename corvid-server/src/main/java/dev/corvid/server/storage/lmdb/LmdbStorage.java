package dev.corvid.server.storage.lmdb;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.storage.DocumentStorage;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StorageOptions;
import dev.corvid.server.storage.WriteTxn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DocumentStorage} on one LMDB environment. LMDB allows one writer at a time, so writes are
 * funnelled through a {@link TransactionMerger}; reads use MVCC snapshots and run in parallel.
 */
public final class LmdbStorage implements DocumentStorage {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbStorage.class);
    private static final String NODE_TAG = "A";
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final StorageOptions options;
    private final Env<ByteBuffer> env;
    private final Tables tables;
    private final String databaseId;
    private final TransactionMerger merger;
    private final AtomicInteger openReaders = new AtomicInteger();
    private volatile boolean closed;

    private LmdbStorage(StorageOptions options, Clock clock) {
        this.options = options;
        try {
            Files.createDirectories(options.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.path(), e);
        }
        EnvFlags[] flags = options.durable()
                ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC};
        this.env = Env.create()
                .setMapSize(options.mapSizeBytes())
                .setMaxDbs(Tables.COUNT)
                .setMaxReaders(2048)
                .open(options.path().toFile(), flags);
        this.tables = Tables.open(env);
        this.databaseId = loadOrCreateDatabaseId();
        long lastEtag;
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            lastEtag = new LmdbReadTxn(txn, tables, KeyBuffers.borrow(), databaseId).systemLong(LmdbReadTxn.SYS_LAST_ETAG);
        }
        this.merger = new TransactionMerger(env, tables, databaseId, NODE_TAG, clock, lastEtag,
                options.maxMergedOps(), options.path().getFileName().toString());
    }

    /** Opens (creating if needed) the storage in {@code options.path()}. */
    public static LmdbStorage open(StorageOptions options) {
        return open(options, Clock.systemUTC());
    }

    public static LmdbStorage open(StorageOptions options, Clock clock) {
        return new LmdbStorage(options, clock);
    }

    private String loadOrCreateDatabaseId() {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            LmdbReadTxn reader = new LmdbReadTxn(txn, tables, KeyBuffers.borrow(), "");
            var existing = reader.rawSystem(LmdbReadTxn.SYS_DATABASE_ID);
            if (existing.isPresent()) {
                return new String(existing.get(), java.nio.charset.StandardCharsets.UTF_8);
            }
            UUID uuid = UUID.randomUUID();
            ByteBuffer raw = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.array());
            LmdbWriteTxn writer = new LmdbWriteTxn(txn, tables, reader.keys, id,
                    new LmdbWriteTxn.EtagCounter(0), Clock.systemUTC(), NODE_TAG);
            writer.putRawSystem(LmdbReadTxn.SYS_DATABASE_ID, id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            txn.commit();
            return id;
        }
    }

    @Override
    public <T> T read(Function<ReadTxn, T> work) {
        try (Snapshot snapshot = openSnapshot()) {
            return work.apply(snapshot);
        }
    }

    @Override
    public Snapshot openSnapshot() {
        openReaders.incrementAndGet();
        if (closed) {
            openReaders.decrementAndGet();
            throw closedException();
        }
        try {
            return new LmdbSnapshot(env.txnRead(), tables, databaseId, openReaders);
        } catch (RuntimeException e) {
            openReaders.decrementAndGet();
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<T> submit(Function<WriteTxn, T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        return merger.submit(work);
    }

    @Override
    public <T> T write(Function<WriteTxn, T> work) {
        try {
            return submit(work).get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CorvidException(ErrorCode.INTERNAL, "interrupted while waiting for a write to commit", e);
        }
    }

    static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CorvidException(ErrorCode.STORAGE_FAILURE, String.valueOf(cause.getMessage()), cause);
    }

    private CorvidException closedException() {
        return new CorvidException(ErrorCode.DATABASE_UNAVAILABLE, "The storage at " + options.path() + " is closed.");
    }

    @Override
    public void addCommitListener(LongConsumer lastEtagListener) {
        merger.addListener(lastEtagListener);
    }

    @Override
    public long sizeOnDisk() {
        try (var files = Files.list(options.path())) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Last etag committed by the writer (also visible to snapshots opened afterwards). */
    public long committedEtag() {
        return merger.committedEtag();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        merger.close();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        while (openReaders.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (openReaders.get() > 0) {
            // Closing the environment under a live reader would crash the JVM; the OS reclaims it at exit.
            LOG.warn("{} snapshot(s) of {} still open after {} ms; leaving the environment open",
                    openReaders.get(), options.path(), CLOSE_WAIT_MILLIS);
            return;
        }
        env.close();
    }

    /** Read snapshot holding a pooled key buffer set. */
    private static final class LmdbSnapshot extends LmdbReadTxn implements Snapshot {
        private final AtomicInteger openReaders;
        private boolean released;

        LmdbSnapshot(Txn<ByteBuffer> txn, Tables tables, String databaseId, AtomicInteger openReaders) {
            super(txn, tables, KeyBuffers.borrow(), databaseId);
            this.openReaders = openReaders;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            txn.close();
            KeyBuffers.giveBack(keys);
            openReaders.decrementAndGet();
        }
    }

    static Path dataFile(Path folder) {
        return folder.resolve("data.mdb");
    }
}
