package dev.corvid.server.documents;

import dev.corvid.server.ConcurrencyException;
import dev.corvid.server.storage.StoredDocument;
import java.util.Optional;
import java.util.function.Supplier;

/** An optimistic-concurrency expectation, as the client sends it ({@code null}, {@code ""} or a vector). */
public sealed interface ExpectedChangeVector {
    /** No check: last write wins. */
    record Any() implements ExpectedChangeVector {
    }

    /** The document must not exist (the client sends an empty change vector). */
    record MustNotExist() implements ExpectedChangeVector {
    }

    /** The stored document must have exactly this change vector. */
    record Exactly(String changeVector) implements ExpectedChangeVector {
    }

    ExpectedChangeVector ANY = new Any();

    /** From the wire form: null → any, "" → must not exist, else exactly. */
    static ExpectedChangeVector of(String wire) {
        if (wire == null) {
            return ANY;
        }
        return wire.isEmpty() ? new MustNotExist() : new Exactly(wire);
    }

    /**
     * Throws {@link ConcurrencyException} when the current document does not meet this expectation.
     * The document is looked up only when there is something to check.
     */
    default void check(String id, Supplier<Optional<StoredDocument>> lookup, String operation) {
        if (this instanceof Any) {
            return;
        }
        Optional<StoredDocument> current = lookup.get();
        switch (this) {
            case Any any -> {
            }
            case MustNotExist mustNotExist -> {
                if (current.isPresent()) {
                    throw new ConcurrencyException(id, "", current.get().changeVector(), "Document " + id
                            + " has change vector " + current.get().changeVector() + ", but " + operation
                            + " was called with expecting new document. Optimistic concurrency violation, transaction will be aborted.");
                }
            }
            case Exactly exactly -> {
                if (current.isEmpty()) {
                    throw new ConcurrencyException(id, exactly.changeVector(), "", "Document " + id
                            + " does not exist, but " + operation + " was called with change vector "
                            + exactly.changeVector() + ". Optimistic concurrency violation, transaction will be aborted.");
                }
                if (!current.get().changeVector().equals(exactly.changeVector())) {
                    throw new ConcurrencyException(id, exactly.changeVector(), current.get().changeVector(), "Document "
                            + id + " has change vector " + current.get().changeVector() + ", but " + operation
                            + " was called with change vector " + exactly.changeVector()
                            + ". Optimistic concurrency violation, transaction will be aborted.");
                }
            }
        }
    }
}
