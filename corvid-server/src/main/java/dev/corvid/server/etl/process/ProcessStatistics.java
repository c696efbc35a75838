package dev.corvid.server.etl.process;

import dev.corvid.server.etl.load.LoadMetrics;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The observable state of one process: status, progress, counters, the last batches and the last
 * errors. Written by the process thread, read by HTTP; all methods are synchronized.
 */
public final class ProcessStatistics {
    static final int KEPT_BATCHES = 50;
    static final int KEPT_ERRORS = 200;

    /** A per-document script error, or a load error (documentId empty). */
    public record ErrorEntry(Instant at, String documentId, long etag, String message) {
    }

    /** One immutable copy of everything. */
    public record Snapshot(ProcessStatus status, long lastProcessedEtag, long extracted, long loaded, long filteredOut,
                           long scriptErrors, long loadErrors, Optional<Instant> lastBatchAt,
                           Optional<Instant> lastSuccessAt, Optional<String> lastError,
                           Optional<Instant> nextAttemptAt, Optional<String> destination,
                           List<BatchReport> batches, List<ErrorEntry> errors) {
    }

    private ProcessStatus status = ProcessStatus.IDLE;
    private long lastProcessedEtag;
    private long extracted;
    private long loaded;
    private long filteredOut;
    private long scriptErrors;
    private long loadErrors;
    private Instant lastBatchAt;
    private Instant lastSuccessAt;
    private String lastError;
    private Instant nextAttemptAt;
    private String destination;
    private final Deque<BatchReport> batches = new ArrayDeque<>();
    private final Deque<ErrorEntry> errors = new ArrayDeque<>();
    private final LoadMetrics loadMetrics = new LoadMetrics();

    synchronized void status(ProcessStatus value) {
        status = value;
    }

    synchronized void progress(long etag) {
        lastProcessedEtag = etag;
    }

    synchronized void scriptError(ErrorEntry error) {
        scriptErrors++;
        remember(error);
    }

    synchronized void loadFailed(ErrorEntry error, Instant retryAt) {
        loadErrors++;
        lastError = error.message();
        nextAttemptAt = retryAt;
        status = retryAt == null ? ProcessStatus.FAULTED : ProcessStatus.BACKING_OFF;
        remember(error);
    }

    synchronized void faulted(ErrorEntry error) {
        lastError = error.message();
        status = ProcessStatus.FAULTED;
        remember(error);
    }

    private void remember(ErrorEntry error) {
        errors.addFirst(error);
        while (errors.size() > KEPT_ERRORS) {
            errors.removeLast();
        }
    }

    synchronized void batchCompleted(BatchReport report, Optional<String> destinationUsed) {
        batches.addFirst(report);
        while (batches.size() > KEPT_BATCHES) {
            batches.removeLast();
        }
        extracted += report.extracted();
        filteredOut += report.filteredOut();
        lastBatchAt = report.startedAt();
        if (report.loaded()) {
            loaded += report.transformed();
            lastSuccessAt = report.startedAt().plusMillis(report.durationMs());
            lastError = null;
            nextAttemptAt = null;
        }
        destinationUsed.ifPresent(d -> destination = d);
    }

    /** What the sink did per destination table; it has its own lock. */
    public LoadMetrics loadMetrics() {
        return loadMetrics;
    }

    /** Forgets counters and errors after a reset. */
    synchronized void reset() {
        loadMetrics.reset();
        lastProcessedEtag = 0;
        extracted = loaded = filteredOut = scriptErrors = loadErrors = 0;
        lastError = null;
        nextAttemptAt = null;
        batches.clear();
        errors.clear();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(status, lastProcessedEtag, extracted, loaded, filteredOut, scriptErrors, loadErrors,
                Optional.ofNullable(lastBatchAt), Optional.ofNullable(lastSuccessAt), Optional.ofNullable(lastError),
                Optional.ofNullable(nextAttemptAt), Optional.ofNullable(destination),
                new ArrayList<>(batches), new ArrayList<>(errors));
    }
}
