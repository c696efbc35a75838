package dev.corvid.server.etl.transform;

import dev.corvid.server.storage.StoredDocument;
import java.util.Optional;

/**
 * What a script may read besides {@code this}: other documents of the same source snapshot, through
 * {@code load(id)}. Exceptions thrown here are not script errors: {@link ScriptRunner} passes them on
 * to its caller unchanged, even when the script tries to catch them.
 */
@FunctionalInterface
public interface ScriptSource {
    /** A source that has no documents. */
    ScriptSource NONE = id -> Optional.empty();

    Optional<StoredDocument> load(String id);
}
