package dev.corvid.server.etl;

import java.util.List;

/** The result of transforming one item. */
public sealed interface TransformedItem<T> {
    /** Something to load; {@code bytes} counts toward the batch size limit. */
    record Loaded<T>(T value, long bytes, List<String> output) implements TransformedItem<T> {
    }

    /** The script chose not to load this document (or a delete behaviour suppressed the delete). */
    record FilteredOut<T>(List<String> output) implements TransformedItem<T> {
    }

    /** The script failed for this document; the error is recorded and the batch goes on. */
    record Failed<T>(String documentId, String error, List<String> output) implements TransformedItem<T> {
    }
}
