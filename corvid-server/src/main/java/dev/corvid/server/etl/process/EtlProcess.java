package dev.corvid.server.etl.process;

import dev.corvid.server.CorvidException;
import dev.corvid.server.etl.BatchSettings;
import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTransformer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One ETL process: a (task, script) pair on its own virtual thread. The loop reads top to bottom:
 * extract a bounded batch after the saved etag → transform each item → load the batch → save the
 * progress, and only after the destination acknowledged. A failed load leaves the progress where it
 * was, so the same changes are sent again after the back-off: nothing is lost.
 */
public final class EtlProcess<T> {
    private static final Logger LOG = LoggerFactory.getLogger(EtlProcess.class);
    private static final Duration IDLE_WAKE_UP = Duration.ofMinutes(1);
    private static final AtomicLong BATCH_IDS = new AtomicLong();

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
        try (EtlTransformer<T> transformer = provider.newTransformer(transformation);
             EtlSink<T> sink = provider.newSink()) {
            while (!stopping) {
                Optional<Instant> retryAt = backoff.nextAttemptAt();
                if (retryAt.isPresent()) {
                    // in fallback: wait out the whole back-off even if changes arrive, then retry the batch
                    signal.sleepUntil(retryAt.get(), () -> stopping);
                    if (stopping) {
                        break;
                    }
                }
                boolean moreWork = runBatchAndHandleFailures(transformer, sink);
                if (!moreWork && !stopping && backoff.nextAttemptAt().isEmpty()
                        && statistics.snapshot().status() != ProcessStatus.FAULTED) {
                    statistics.status(ProcessStatus.IDLE);
                    signal.awaitChange(clock.instant().plus(IDLE_WAKE_UP));
                } else if (statistics.snapshot().status() == ProcessStatus.FAULTED) {
                    signal.sleepUntil(Instant.MAX, () -> stopping);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CorvidException e) {
            LOG.error("{} process {} cannot run: {}", provider.kind(), name(), e.getMessage());
            statistics.faulted(new ProcessStatistics.ErrorEntry(clock.instant(), "", 0,
                    "Could not start ETL process: " + e.getMessage()));
        } finally {
            LOG.info("{} process {} stopped", provider.kind(), name());
            MDC.clear();
        }
    }

    private boolean runBatchAndHandleFailures(EtlTransformer<T> transformer, EtlSink<T> sink) {
        try {
            boolean more = runBatch(transformer, sink);
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

    /** One batch; returns true when more changes are waiting. */
    private boolean runBatch(EtlTransformer<T> transformer, EtlSink<T> sink) {
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
        long from = state.resetPending() ? 0 : sink.storedCheckpoint().orElse(state.lastProcessedEtag());
        statistics.progress(from);
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        BatchLimits batch = new BatchLimits(limits, clock);
        List<T> toLoad = new ArrayList<>();
        int transformed = 0;
        int filtered = 0;
        int failed = 0;
        long upTo = from;
        long extractNanos;
        BatchEndReason reason;
        try (DocumentStorage.Snapshot snapshot = storage.openSnapshot()) {
            Extractor.ExtractedPage page = Extractor.extract(snapshot, from,
                    transformation.applyToAllDocuments() ? List.of() : transformation.collections(), batch.maxItems());
            extractNanos = System.nanoTime() - start;
            if (page.items().isEmpty()) {
                return false;
            }
            statistics.status(ProcessStatus.RUNNING);
            reason = page.complete() ? BatchEndReason.END_OF_DATA : BatchEndReason.ITEM_LIMIT;
            for (ChangeEntry entry : page.items()) {
                Optional<BatchEndReason> stop = batch.beforeNextItem();
                if (stop.isPresent()) {
                    reason = stop.get();
                    break;
                }
                if (stopping) {
                    return false;
                }
                switch (transformer.transform(entry, snapshot)) {
                    case TransformedItem.Loaded<T> loaded -> {
                        toLoad.add(loaded.value());
                        transformed++;
                        batch.taken(loaded.bytes());
                    }
                    case TransformedItem.FilteredOut<T> out -> {
                        filtered++;
                        batch.taken(0);
                    }
                    case TransformedItem.Failed<T> error -> {
                        failed++;
                        batch.taken(0);
                        LOG.warn("{}: script failed for {}: {}", name(), error.documentId(), error.error());
                        statistics.scriptError(new ProcessStatistics.ErrorEntry(clock.instant(), error.documentId(),
                                entry.etag(), error.error()));
                    }
                }
                upTo = entry.etag();
            }
            if (reason == BatchEndReason.END_OF_DATA && upTo != page.items().get(page.items().size() - 1).etag()) {
                reason = BatchEndReason.ITEM_LIMIT;
            }
        }
        long transformNanos = System.nanoTime() - start - extractNanos;

        Optional<String> destination = Optional.empty();
        if (!toLoad.isEmpty() || (sink.storesCheckpoint() && upTo > from)) {
            destination = Optional.of(sink.load(toLoad, new EtlSink.Checkpoint(taskName, transformation.name(), upTo)));
        }
        long loadNanos = System.nanoTime() - start - extractNanos - transformNanos;

        if (!states.saveIfCurrent(taskName, transformation.name(), epoch, upTo, clock.instant())) {
            LOG.info("{}: progress was reset while a batch ran; starting over", name());
            return true;
        }
        statistics.progress(upTo);
        statistics.batchCompleted(new BatchReport(BATCH_IDS.incrementAndGet(), startedAt,
                (System.nanoTime() - start) / 1_000_000, extractNanos / 1_000_000, transformNanos / 1_000_000,
                loadNanos / 1_000_000, transformed + filtered + failed, transformed, filtered, failed, batch.bytes(),
                upTo, reason, !toLoad.isEmpty(), ""), destination);
        return reason != BatchEndReason.END_OF_DATA;
    }
}
