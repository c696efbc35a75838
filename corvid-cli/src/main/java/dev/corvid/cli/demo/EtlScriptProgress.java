package dev.corvid.cli.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one script of an ETL task stands, from {@code GET /databases/{db}/etl/progress}.
 *
 * @param transformationName the script's name
 * @param completed          true when no document or deletion is waiting for this script
 * @param disabled           true when the script or its task is switched off
 * @param documentsToProcess documents of the script's collections not processed yet
 * @param totalDocuments     documents in the script's collections
 * @param status             what the process is doing ({@code RUNNING}, {@code IDLE}, {@code BACKING_OFF},
 *                           {@code FAULTED}); empty when it has not run since the server started
 * @param scriptErrors       documents the script failed on since the server started; they are skipped
 * @param lastError          the last error that stopped loading, while it is unresolved
 */
public record EtlScriptProgress(String transformationName, boolean completed, boolean disabled,
                                long documentsToProcess, long totalDocuments, Optional<String> status,
                                long scriptErrors, Optional<String> lastError) {
    /** Corvid's status of a process that stopped on an error retrying cannot fix. */
    public static final String FAULTED = "FAULTED";

    public EtlScriptProgress {
        Objects.requireNonNull(transformationName, "transformationName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** Documents of the script's collections already processed: loaded, filtered out or failed. */
    public long processedDocuments() {
        return Math.max(0, totalDocuments - documentsToProcess);
    }

    /** True when the script will not make progress by itself: switched off, or stopped on an error. */
    public boolean stopped() {
        return disabled || status.filter(FAULTED::equals).isPresent();
    }
}
