package dev.corvid.server.etl.process;

import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A process's transformers: one, or one per core working on consecutive slices of the same items,
 * each with its own script context. Results come back in item order. The snapshot is shared through
 * a synchronizing wrapper (LMDB allows a read transaction to span threads when its use is serialized).
 */
final class Transformers<T> implements AutoCloseable {
    /** Below this many items per worker, a second script context costs more than it saves. */
    static final int MIN_ITEMS_PER_WORKER = 128;

    private final List<EtlTransformer<T>> transformers = new ArrayList<>();
    private final EtlProvider<T> provider;
    private final Transformation transformation;
    private final int parallelism;
    private final ExecutorService executor;

    /** Creates the first transformer now (so a broken script fails at start); the others when work needs them. */
    Transformers(EtlProvider<T> provider, Transformation transformation, int parallelism, ExecutorService executor) {
        this.provider = provider;
        this.transformation = transformation;
        this.parallelism = Math.max(1, parallelism);
        this.executor = executor;
        transformers.add(provider.newTransformer(transformation));
    }

    List<TransformedItem<T>> transform(List<ChangeEntry> items, ReadTxn snapshot) throws InterruptedException {
        int workers = Math.min(parallelism, Math.max(1, items.size() / MIN_ITEMS_PER_WORKER));
        if (workers == 1) {
            return slice(transformers.get(0), items, snapshot);
        }
        while (transformers.size() < workers) {
            transformers.add(provider.newTransformer(transformation));
        }
        ReadTxn shared = new SynchronizedReadTxn(snapshot);
        List<Future<List<TransformedItem<T>>>> parts = new ArrayList<>(workers);
        int size = (items.size() + workers - 1) / workers;
        for (int w = 0; w < workers; w++) {
            List<ChangeEntry> part = items.subList(Math.min(items.size(), w * size), Math.min(items.size(), (w + 1) * size));
            EtlTransformer<T> transformer = transformers.get(w);
            parts.add(executor.submit(() -> slice(transformer, part, shared)));
        }
        List<TransformedItem<T>> results = new ArrayList<>(items.size());
        try {
            for (Future<List<TransformedItem<T>>> part : parts) {
                results.addAll(part.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            parts.forEach(p -> p.cancel(true));
        }
        return results;
    }

    private static <T> List<TransformedItem<T>> slice(EtlTransformer<T> transformer, List<ChangeEntry> items, ReadTxn snapshot) {
        List<TransformedItem<T>> results = new ArrayList<>(items.size());
        for (ChangeEntry item : items) {
            results.add(transformer.transform(item, snapshot));
        }
        return results;
    }

    @Override
    public void close() {
        transformers.forEach(EtlTransformer::close);
    }
}
