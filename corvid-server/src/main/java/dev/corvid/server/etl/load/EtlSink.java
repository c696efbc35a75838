package dev.corvid.server.etl.load;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * What a destination must do: take one batch of transformed items and make it durable there, all or
 * nothing. Retries, progress and statistics belong to the process that drives the sink.
 *
 * @param <T> the provider's transformed item
 */
public interface EtlSink<T> extends AutoCloseable {
    /**
     * Loads the batch in one destination transaction. A sink that stores its own checkpoint writes
     * {@code upTo} in that same transaction.
     *
     * @return a short description of where it went (e.g. the destination URL), for task info
     * @throws TransientLoadException when the same batch may succeed later (destination down)
     * @throws PermanentLoadException when retrying the same batch cannot help
     */
    String load(List<T> items, Checkpoint upTo);

    /**
     * Loads the batch after the load {@code previous}, which may still be running (null when none
     * is): the sink may do its work meanwhile but commits only once {@code previous} completed
     * normally, and never when it failed or was cancelled. {@code previous} is only given for batches
     * {@link #independent} of it, with at most {@link #loadsInFlight()} loads at once; sinks that load
     * one batch at a time need not override this.
     */
    default String load(List<T> items, Checkpoint upTo, Future<?> previous) {
        return load(items, upTo);
    }

    /** How many loads may run at once (see {@link #load(List, Checkpoint, Future)}); 1 for strictly one after the other. */
    default int loadsInFlight() {
        return 1;
    }

    /**
     * True when {@code later} may be loaded while {@code earlier} is not committed yet: typically when
     * they share no document, so that neither can see or undo the other's uncommitted work.
     */
    default boolean independent(List<T> earlier, List<T> later) {
        return false;
    }

    /**
     * The progress the destination itself holds, for sinks that write it in the same transaction as
     * the data (exactly-once). When present, the process trusts it over its own saved progress.
     */
    default Optional<Long> storedCheckpoint() {
        return Optional.empty();
    }

    /** True for sinks that keep their checkpoint in the destination; they are called even for batches with nothing to write. */
    default boolean storesCheckpoint() {
        return false;
    }

    /** The script was reset: forget the checkpoint kept in the destination. */
    default void resetCheckpoint() {
    }

    /** What a batch brings the destination up to: the last source etag whose effects it contains. */
    record Checkpoint(String taskName, String transformationName, long etag) {
    }

    @Override
    default void close() {
    }
}
