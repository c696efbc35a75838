package dev.corvid.server.storage.lmdb;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.storage.WriteTxn;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of an LMDB environment. Operations queued while a commit is on its way to disk
 * are applied together in the next transaction and made durable by one flush (group commit).
 *
 * <p>Each operation of a merged transaction runs in a nested transaction, so one failing operation
 * (say, a concurrency conflict) rolls back alone while the others commit. A future completes only
 * after the transaction holding its operation committed.
 */
final class TransactionMerger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionMerger.class);

    private record Pending<T>(Function<WriteTxn, T> work, CompletableFuture<T> future) {
    }

    private record Outcome(Pending<?> pending, Object result, RuntimeException failure) {
    }

    private final Env<ByteBuffer> env;
    private final Tables tables;
    private final String databaseId;
    private final String nodeTag;
    private final Clock clock;
    private final int maxMergedOps;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private final LmdbWriteTxn.EtagCounter etags;
    private final KeyBuffers keys = new KeyBuffers();
    private final Thread thread;
    private volatile long committedEtag;
    private volatile boolean stopping;

    TransactionMerger(Env<ByteBuffer> env, Tables tables, String databaseId, String nodeTag, Clock clock,
                      long lastEtag, int maxMergedOps, String name) {
        this.env = env;
        this.tables = tables;
        this.databaseId = databaseId;
        this.nodeTag = nodeTag;
        this.clock = clock;
        this.maxMergedOps = maxMergedOps;
        this.etags = new LmdbWriteTxn.EtagCounter(lastEtag);
        this.committedEtag = lastEtag;
        this.thread = Thread.ofPlatform().name("corvid-writer-" + name).daemon(false).start(this::run);
    }

    <T> CompletableFuture<T> submit(Function<WriteTxn, T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (Thread.currentThread() == thread) {
            future.completeExceptionally(new IllegalStateException("a write submitted from the writer thread would deadlock"));
            return future;
        }
        queue.add(new Pending<>(work, future));
        if (stopping && queue.remove(new Pending<>(work, future))) {
            future.completeExceptionally(new CorvidException(ErrorCode.DATABASE_UNAVAILABLE, "The database is closing."));
        }
        return future;
    }

    void addListener(LongConsumer listener) {
        listeners.add(listener);
    }

    long committedEtag() {
        return committedEtag;
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxMergedOps - 1);
                commit(batch);
            } catch (InterruptedException e) {
                if (stopping && queue.isEmpty()) {
                    return;
                }
            } catch (Throwable t) {
                LOG.error("writer failed", t);
                for (Pending<?> p : batch) {
                    p.future().completeExceptionally(t);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        long etagBefore = etags.last;
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        try (Txn<ByteBuffer> parent = env.txnWrite()) {
            if (batch.size() == 1) {
                Pending<?> only = batch.get(0);
                try {
                    outcomes.add(new Outcome(only, apply(only, parent), null));
                } catch (RuntimeException e) {
                    etags.last = etagBefore;
                    parent.abort();
                    only.future().completeExceptionally(e);
                    return;
                }
            } else {
                for (Pending<?> pending : batch) {
                    long before = etags.last;
                    try (Txn<ByteBuffer> child = env.txn(parent)) {
                        try {
                            Object result = apply(pending, child);
                            child.commit();
                            outcomes.add(new Outcome(pending, result, null));
                        } catch (RuntimeException e) {
                            etags.last = before;
                            child.abort();
                            outcomes.add(new Outcome(pending, null, e));
                        }
                    }
                }
            }
            if (etags.last != etagBefore) {
                new LmdbWriteTxn(parent, tables, keys, databaseId, etags, clock, nodeTag).putRawSystem(
                        LmdbReadTxn.SYS_LAST_ETAG, ByteBuffer.allocate(8).putLong(etags.last).array());
            }
            parent.commit();
        } catch (LmdbException e) {
            etags.last = etagBefore;
            RuntimeException failure = e instanceof Env.MapFullException
                    ? new CorvidException(ErrorCode.STORAGE_FULL, "The database file reached its maximum size.", e)
                    : new CorvidException(ErrorCode.STORAGE_FAILURE, "Commit failed: " + e.getMessage(), e);
            batch.forEach(p -> p.future().completeExceptionally(failure));
            return;
        }
        boolean changed = etags.last != etagBefore;
        committedEtag = etags.last;
        complete(outcomes);
        if (changed) {
            for (LongConsumer listener : listeners) {
                try {
                    listener.accept(committedEtag);
                } catch (RuntimeException e) {
                    LOG.warn("commit listener failed", e);
                }
            }
        }
    }

    private Object apply(Pending<?> pending, Txn<ByteBuffer> txn) {
        LmdbWriteTxn writer = new LmdbWriteTxn(txn, tables, keys, databaseId, etags, clock, nodeTag);
        Object result = pending.work().apply(writer);
        writer.flushCounters();
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void complete(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            CompletableFuture<Object> future = (CompletableFuture<Object>) outcome.pending().future();
            if (outcome.failure() != null) {
                future.completeExceptionally(outcome.failure());
            } else {
                future.complete(outcome.result());
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<?> left;
        while ((left = queue.poll()) != null) {
            left.future().completeExceptionally(new CorvidException(ErrorCode.DATABASE_UNAVAILABLE, "The database is closing."));
        }
    }
}
