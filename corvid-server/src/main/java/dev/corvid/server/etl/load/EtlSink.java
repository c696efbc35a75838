package dev.corvid.server.etl.load;

import java.util.List;

/**
 * What a destination must do: take one batch of transformed items and make it durable there, all or
 * nothing. Retries, progress and statistics belong to the process that drives the sink.
 *
 * @param <T> the provider's transformed item
 */
public interface EtlSink<T> extends AutoCloseable {
    /**
     * Loads the batch in one destination transaction.
     *
     * @return a short description of where it went (e.g. the destination URL), for task info
     * @throws TransientLoadException when the same batch may succeed later (destination down)
     * @throws PermanentLoadException when retrying the same batch cannot help
     */
    String load(List<T> items);

    @Override
    default void close() {
    }
}
