package dev.corvid.server.etl.transform;

import java.util.List;
import java.util.Objects;

/** What running a script on one document gave. */
public sealed interface TransformOutcome {
    /** The {@code output()} lines of the run, in order; shown by the test endpoints only. */
    List<String> output();

    /**
     * The script ran to the end (or returned early).
     *
     * @param items the {@code loadTo} calls in call order; empty when the script filtered the document out
     * @param size  about how many bytes the items take as JSON, for batch size limits
     */
    record Loaded(List<LoadedItem> items, List<String> output, long size) implements TransformOutcome {
        public Loaded {
            items = List.copyOf(items);
            output = List.copyOf(output);
        }

        public boolean filteredOut() {
            return items.isEmpty();
        }
    }

    /**
     * The script failed on this document: it threw, referenced something undefined, or ran past the
     * time limit. A per-document script error (ETL.md §3.5), not a reason to stop the process.
     *
     * @param error a message for the user, e.g. {@code ReferenceError: foo is not defined at line 3}
     */
    record Failed(String documentId, String error, List<String> output) implements TransformOutcome {
        public Failed {
            Objects.requireNonNull(documentId);
            Objects.requireNonNull(error);
            output = List.copyOf(output);
        }
    }
}
