package dev.corvid.server.etl.process;

import dev.corvid.server.CorvidException;
import dev.corvid.server.etl.BatchSettings;
import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.extract.Extractor;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.PermanentLoadException;
import dev.corvid.server.etl.load.TransientLoadException;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.DocumentStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One ETL process: a (task, script) pair on its own virtual thread. Each batch goes: extract a
 * bounded batch after the last position → transform each item → load the batch → save the
 * progress, and only after the destination acknowledged. A failed load leaves the progress where it
 * was, so the same changes are sent again after the back-off: nothing is lost.
 *
 * <p>Batches are pipelined: while batch N loads (on a thread of its own), batch N+1 is extracted
 * and transformed, by up to one transformer per core for scripted transformations, on the shared
 * {@link TransformThreads} — as many as keep the destination busy ({@link Transformers#destinationWaited}).
 * Batch N+1 is loaded after batch N finished, or, for a sink that takes several loads at once
 * ({@link EtlSink#loadsInFlight()}) and when the two batches are {@link EtlSink#independent}, while N
 * still loads: the sink then commits N+1 only after N committed. Progress is saved strictly in order.
 */
public final class EtlProcess<T> {
    private static final Logger LOG = LoggerFactory.getLogger(EtlProcess.class);
    private static final Duration IDLE_WAKE_UP = Duration.ofMinutes(1);
    private static final AtomicLong BATCH_IDS = new AtomicLong();
    /** Items transformed between two checks of the batch limits. */
    private static final int ROUND = 512;

    private final String database;
    private final String taskName;
    private final Transformation transformation;
    private final EtlProvider<T> provider;
    private final DocumentStorage storage;
    private final EtlStateStore states;
    private final BatchSettings limits;
    private final Clock clock;
    private final ChangeSignal signal;
    private final Backoff backoff;
    private final ProcessStatistics statistics;
    private final int parallelism;
    private volatile boolean stopping;
    private Thread thread;
    private long epoch = -1;

    public EtlProcess(String database, String taskName, Transformation transformation, EtlProvider<T> provider,
                      DocumentStorage storage, EtlStateStore states, BatchSettings limits, Clock clock,
                      ProcessStatistics statistics) {
        this.database = database;
        this.taskName = taskName;
        this.transformation = transformation;
        this.provider = provider;
        this.storage = storage;
        this.states = states;
        this.limits = limits;
        this.clock = clock;
        this.signal = new ChangeSignal(clock);
        this.backoff = new Backoff(clock);
        this.statistics = statistics;
        this.parallelism = transformation.script().isBlank() ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /** {@code task/script}, as RavenDB names processes. */
    public String name() {
        return taskName + "/" + transformation.name();
    }

    public ProcessStatistics statistics() {
        return statistics;
    }

    public synchronized void start() {
        thread = Thread.ofVirtual().name("etl-" + database + "-" + name()).start(this::run);
    }

    /** Wakes the process: something changed in the source. */
    public void changed() {
        signal.signal();
    }

    /** Stops the process and waits for its thread; an in-flight batch is abandoned, nothing is saved for it. */
    public void stop() {
        stopping = true;
        signal.signal();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        statistics.status(ProcessStatus.STOPPED);
    }

    private void run() {
        MDC.put("database", database);
        MDC.put("etl", name());
        LOG.info("{} process {} started", provider.kind(), name());
        // Loads run on platform threads: a load is a conversation of statement and answer with one
        // database, and a platform thread is woken by the kernel when the answer comes, where a
        // virtual thread waits for the poller and then for a carrier — on two busy cores, 3-5% of
        // an SQL ETL of updated documents (SqlEtlBenchmark). A process runs at most {@code sink.loadsInFlight()} loads at once.
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("etl-load-" + database + "-" + name()).factory());
             Transformers<T> transformers = new Transformers<>(provider, transformation, parallelism);
             EtlSink<T> sink = provider.newSink(statistics.loadMetrics())) {
            while (!stopping) {
                Optional<Instant> retryAt = backoff.nextAttemptAt();
                if (retryAt.isPresent()) {
                    // in fallback: wait out the whole back-off even if changes arrive, then retry
                    signal.sleepUntil(retryAt.get(), () -> stopping);
                    if (stopping) {
                        break;
                    }
                }
                boolean moreWork = runAndHandleFailures(transformers, sink, executor);
                if (statistics.snapshot().status() == ProcessStatus.FAULTED) {
                    signal.sleepUntil(Instant.MAX, () -> stopping);
                } else if (!moreWork && !stopping && backoff.nextAttemptAt().isEmpty()) {
                    statistics.status(ProcessStatus.IDLE);
                    signal.awaitChange(clock.instant().plus(IDLE_WAKE_UP));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CorvidException e) {
            LOG.error("{} process {} cannot run: {}", provider.kind(), name(), e.getMessage());
            statistics.faulted(new ProcessStatistics.ErrorEntry(clock.instant(), "", 0,
                    "Could not start ETL process: " + e.getMessage()));
        } catch (RuntimeException | Error e) {
            // never die silently: the task info shows the process as faulted with the reason
            LOG.error("{} process {} died", provider.kind(), name(), e);
            statistics.faulted(new ProcessStatistics.ErrorEntry(clock.instant(), "", 0,
                    "The ETL process stopped unexpectedly: " + e));
        } finally {
            LOG.info("{} process {} stopped", provider.kind(), name());
            MDC.clear();
        }
    }

    private boolean runAndHandleFailures(Transformers<T> transformers, EtlSink<T> sink, ExecutorService executor)
            throws InterruptedException {
        try {
            boolean more = runBatches(transformers, sink, executor);
            backoff.succeeded();
            return more;
        } catch (TransientLoadException e) {
            Duration wait = backoff.failed();
            LOG.warn("{}: load failed, retrying in {} s: {}", name(), wait.toSeconds(), e.getMessage());
            statistics.loadFailed(loadError(e), backoff.nextAttemptAt().orElseThrow());
            return false;
        } catch (PermanentLoadException e) {
            LOG.error("{}: load rejected by the destination, process stopped: {}", name(), e.getMessage());
            statistics.loadFailed(loadError(e), null);
            return false;
        } catch (RuntimeException e) {
            if (stopping) {
                return false;
            }
            Duration wait = backoff.failed();
            LOG.error("{}: unexpected failure, retrying in {} s", name(), wait.toSeconds(), e);
            statistics.loadFailed(loadError(e), backoff.nextAttemptAt().orElseThrow());
            return false;
        }
    }

    private ProcessStatistics.ErrorEntry loadError(Exception e) {
        return new ProcessStatistics.ErrorEntry(clock.instant(), "", 0, "Failed to load transformed data for '"
                + name() + "': " + e.getMessage());
    }

    /** An extracted and transformed batch, ready to load. */
    private record Batch<T>(long from, long upTo, List<T> toLoad, int transformed, int filtered, int failed,
                            long bytes, BatchEndReason endReason, Instant startedAt, long extractNanos,
                            long transformNanos) {
        boolean isEmpty() {
            return upTo == from;
        }
    }

    /** A batch whose load runs in the background. */
    private record Loading<T>(Batch<T> batch, Future<Optional<String>> destination, long startedNanos) {
    }

    /**
     * Runs batches back to back from the saved position until there is nothing left; returns true
     * when it stopped early with work pending (a reset during the run).
     */
    private boolean runBatches(Transformers<T> transformers, EtlSink<T> sink, ExecutorService executor)
            throws InterruptedException {
        EtlStateStore.ProcessState state = states.load(taskName, transformation.name());
        if (state.epoch() != epoch) {
            if (epoch >= 0) {
                statistics.reset();
            }
            epoch = state.epoch();
        }
        if (state.resetPending()) {
            sink.resetCheckpoint();
        }
        long position = state.resetPending() ? 0 : sink.storedCheckpoint().orElse(state.lastProcessedEtag());
        statistics.progress(position);
        Deque<Loading<T>> loading = new ArrayDeque<>();
        try {
            while (!stopping) {
                Batch<T> next = extractAndTransform(transformers, position);
                if (!loading.isEmpty()) {
                    transformers.destinationWaited(loading.peekFirst().destination().isDone());
                }
                // finish the loads that are done, and wait for the oldest while the next may not start beside it
                while (!loading.isEmpty() && (loading.peekFirst().destination().isDone() || mustWait(sink, loading, next))) {
                    if (!finish(loading.pollFirst())) {
                        return true;
                    }
                }
                if (next.isEmpty()) {
                    return false;
                }
                loading.addLast(startLoad(sink, next, executor, loading.isEmpty() ? null : loading.peekLast().destination()));
                position = next.upTo();
            }
            return false;
        } finally {
            for (Loading<T> abandoned : loading) {
                abandoned.destination().cancel(true);
            }
        }
    }

    /** True when {@code next} may not start loading before the oldest running load has finished. */
    private static <T> boolean mustWait(EtlSink<T> sink, Deque<Loading<T>> loading, Batch<T> next) {
        if (next.isEmpty() || loading.size() >= sink.loadsInFlight()) {
            return true;
        }
        for (Loading<T> running : loading) {
            if (!sink.independent(running.batch().toLoad(), next.toLoad())) {
                return true;
            }
        }
        return false;
    }

    private Batch<T> extractAndTransform(Transformers<T> transformers, long from) throws InterruptedException {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        BatchLimits limits = new BatchLimits(this.limits, clock);
        List<T> toLoad = new ArrayList<>();
        int transformed = 0;
        int filtered = 0;
        int failed = 0;
        long upTo = from;
        long extractNanos;
        BatchEndReason reason = BatchEndReason.END_OF_DATA;
        try (DocumentStorage.Snapshot snapshot = storage.openSnapshot()) {
            Extractor.ExtractedPage page = Extractor.extract(snapshot, from,
                    transformation.applyToAllDocuments() ? List.of() : transformation.collections(), limits.maxItems());
            extractNanos = System.nanoTime() - start;
            if (page.items().isEmpty()) {
                return new Batch<>(from, from, List.of(), 0, 0, 0, 0, reason, startedAt, extractNanos, 0);
            }
            statistics.status(ProcessStatus.RUNNING);
            List<ChangeEntry> items = page.items();
            int next = 0;
            rounds:
            while (next < items.size()) {
                List<ChangeEntry> round = items.subList(next, Math.min(items.size(), next + ROUND));
                List<TransformedItem<T>> results = transformers.transform(round, snapshot);
                for (int i = 0; i < round.size(); i++) {
                    Optional<BatchEndReason> stop = limits.beforeNextItem();
                    if (stop.isPresent()) {
                        reason = stop.get();
                        break rounds;
                    }
                    ChangeEntry entry = round.get(i);
                    switch (results.get(i)) {
                        case TransformedItem.Loaded<T> loaded -> {
                            toLoad.add(loaded.value());
                            transformed++;
                            limits.taken(loaded.bytes());
                        }
                        case TransformedItem.FilteredOut<T> out -> {
                            filtered++;
                            limits.taken(0);
                        }
                        case TransformedItem.Failed<T> error -> {
                            failed++;
                            limits.taken(0);
                            LOG.warn("{}: script failed for {}: {}", name(), error.documentId(), error.error());
                            statistics.scriptError(new ProcessStatistics.ErrorEntry(clock.instant(), error.documentId(),
                                    entry.etag(), error.error()));
                        }
                    }
                    upTo = entry.etag();
                }
                next += round.size();
            }
            if (reason == BatchEndReason.END_OF_DATA && !page.complete()) {
                reason = BatchEndReason.ITEM_LIMIT;
            }
        }
        return new Batch<>(from, upTo, toLoad, transformed, filtered, failed, limits.bytes(), reason, startedAt,
                extractNanos, System.nanoTime() - start - extractNanos);
    }

    /** Starts loading {@code batch}, after {@code previous} when that is still running (null when none is). */
    private Loading<T> startLoad(EtlSink<T> sink, Batch<T> batch, ExecutorService executor, Future<?> previous) {
        long started = System.nanoTime();
        boolean needed = !batch.toLoad().isEmpty() || sink.storesCheckpoint();
        EtlSink.Checkpoint checkpoint = new EtlSink.Checkpoint(taskName, transformation.name(), batch.upTo());
        Future<Optional<String>> destination = needed
                ? executor.submit(() -> Optional.of(sink.load(batch.toLoad(), checkpoint, previous)))
                : CompletableFuture.completedFuture(Optional.empty());
        return new Loading<>(batch, destination, started);
    }

    /** Waits for a load, then saves its progress; false when the script was reset meanwhile. */
    private boolean finish(Loading<T> loading) throws InterruptedException {
        Optional<String> destination;
        try {
            destination = loading.destination().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        long loadNanos = System.nanoTime() - loading.startedNanos();
        Batch<T> batch = loading.batch();
        if (!states.saveIfCurrent(taskName, transformation.name(), epoch, batch.upTo(), clock.instant())) {
            LOG.info("{}: progress was reset while a batch ran; starting over", name());
            return false;
        }
        statistics.progress(batch.upTo());
        statistics.batchCompleted(new BatchReport(BATCH_IDS.incrementAndGet(), batch.startedAt(),
                (batch.extractNanos() + batch.transformNanos() + loadNanos) / 1_000_000, batch.extractNanos() / 1_000_000,
                batch.transformNanos() / 1_000_000, loadNanos / 1_000_000,
                batch.transformed() + batch.filtered() + batch.failed(), batch.transformed(), batch.filtered(),
                batch.failed(), batch.bytes(), batch.upTo(), batch.endReason(), !batch.toLoad().isEmpty(), ""), destination);
        return true;
    }
}
