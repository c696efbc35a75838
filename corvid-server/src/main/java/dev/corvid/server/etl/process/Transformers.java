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
    private final List<EtlTransformer<T>> transformers = new ArrayList<>();
    private final ExecutorService executor;

    Transformers(EtlProvider<T> provider, Transformation transformation, int parallelism, ExecutorService executor) {
        this.executor = executor;
        try {
            for (int i = 0; i < Math.max(1, parallelism); i++) {
                transformers.add(provider.newTransformer(transformation));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    List<TransformedItem<T>> transform(List<ChangeEntry> items, ReadTxn snapshot) throws InterruptedException {
        int workers = Math.min(transformers.size(), Math.max(1, items.size() / 16));
        if (workers == 1) {
            return slice(transformers.get(0), items, snapshot);
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
