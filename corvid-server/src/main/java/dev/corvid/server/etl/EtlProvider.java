package dev.corvid.server.etl;

import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.LoadMetrics;

/**
 * A destination kind (Raven, SQL): how to transform for it and how to load into it. The process
 * loop is shared; a provider supplies only these two pieces.
 */
public interface EtlProvider<T> {
    /** {@code Raven ETL} or {@code SQL ETL}, for logs. */
    String kind();

    EtlTransformer<T> newTransformer(Transformation transformation);

    /** A sink for one process run; it adds what it writes per table to {@code metrics}. */
    EtlSink<T> newSink(LoadMetrics metrics);

    /** Where the task loads to, for task listings ({@code database@url}). */
    String destination();
}
