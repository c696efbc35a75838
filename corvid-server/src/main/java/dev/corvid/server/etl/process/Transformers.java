package dev.corvid.server.etl.process;

import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process's transformers: one, or one per core working on consecutive slices of the same items,
 * each with its own script context. They run on the {@link TransformThreads}, never on the
 * process's virtual thread, which waits for them. Results come back in item order. The snapshot is
 * shared through a synchronizing wrapper (LMDB allows a read transaction to span threads when its
 * use is serialized).
 */
final class Transformers<T> implements AutoCloseable {
    /** Below this many items per worker, a second script context costs more than it saves. */
    static final int MIN_ITEMS_PER_WORKER = 128;

    private final List<EtlTransformer<T>> transformers = new ArrayList<>();
    private final EtlProvider<T> provider;
    private final Transformation transformation;
    private final int parallelism;
    /** How many of the {@code parallelism} transformers batches use now; see {@link #destinationWaited}. */
    private int active;
    private final ExecutorService executor = TransformThreads.pool();

    /** Creates the first transformer now (so a broken script fails at start); the others when work needs them. */
    Transformers(EtlProvider<T> provider, Transformation transformation, int parallelism) {
        this.provider = provider;
        this.transformation = transformation;
        this.parallelism = Math.max(1, parallelism);
        this.active = this.parallelism;
        transformers.add(provider.newTransformer(transformation));
    }

    /**
     * Adapts the cores used to where the time goes, after each batch: when the destination had
     * finished the previous batch before this one was transformed, the script is what it waits for,
     * and the next batch gets one more transformer; when it had not, the transformers would only
     * wait for it, and the next batch gets one fewer, which leaves that core to the loader — and to the
     * database, when it runs on the same machine. With PostgreSQL on the same two cores, one
     * transformer instead of two loads 10% more rows per second (SqlEtlBenchmark).
     */
    void destinationWaited(boolean waited) {
        active = waited ? Math.min(parallelism, active + 1) : Math.max(1, active - 1);
    }

    /** How many transformers the next batch may use. */
    int active() {
        return active;
    }

    /**
     * Transforms {@code items} on the transform threads and waits for them. When the calling thread
     * is interrupted, the slices stop at their next item and are waited for, so that no script
     * context is still running when the process closes its transformers.
     */
    List<TransformedItem<T>> transform(List<ChangeEntry> items, ReadTxn snapshot) throws InterruptedException {
        int workers = Math.min(active, Math.max(1, items.size() / MIN_ITEMS_PER_WORKER));
        while (transformers.size() < workers) {
            transformers.add(provider.newTransformer(transformation));
        }
        ReadTxn shared = new SynchronizedReadTxn(snapshot);
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Future<List<TransformedItem<T>>>> parts = new ArrayList<>(workers);
        int size = (items.size() + workers - 1) / workers;
        for (int w = 0; w < workers; w++) {
            List<ChangeEntry> part = items.subList(Math.min(items.size(), w * size), Math.min(items.size(), (w + 1) * size));
            EtlTransformer<T> transformer = transformers.get(w);
            parts.add(executor.submit(() -> slice(transformer, part, shared, cancelled)));
        }
        List<TransformedItem<T>> results = new ArrayList<>(items.size());
        try {
            for (Future<List<TransformedItem<T>>> part : parts) {
                results.addAll(part.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            cancelled.set(true);
            awaitAll(parts);
        }
    }

    private static <T> List<TransformedItem<T>> slice(EtlTransformer<T> transformer, List<ChangeEntry> items, ReadTxn snapshot,
                                                      AtomicBoolean cancelled) {
        List<TransformedItem<T>> results = new ArrayList<>(items.size());
        for (ChangeEntry item : items) {
            if (cancelled.get()) {
                throw new CancellationException("the batch was abandoned");
            }
            results.add(transformer.transform(item, snapshot));
        }
        return results;
    }

    /** Waits until every slice has finished, however it finished; keeps the caller's interrupt. */
    private static void awaitAll(List<? extends Future<?>> parts) {
        boolean interrupted = false;
        for (Future<?> part : parts) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        transformers.forEach(EtlTransformer::close);
    }
}
