package dev.corvid.server.etl;

import dev.corvid.server.etl.load.EtlSink;

/**
 * A destination kind (Raven, SQL): how to transform for it and how to load into it. The process
 * loop is shared; a provider supplies only these two pieces.
 */
public interface EtlProvider<T> {
    /** {@code Raven ETL} or {@code SQL ETL}, for logs. */
    String kind();

    EtlTransformer<T> newTransformer(Transformation transformation);

    EtlSink<T> newSink();

    /** Where the task loads to, for task listings ({@code database@url}). */
    String destination();
}
