package dev.corvid.server.etl.transform;

import dev.corvid.server.storage.StoredDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Documents by id, and the ids the script asked for. */
final class FakeScriptSource implements ScriptSource {
    private final Map<String, StoredDocument> documents = new HashMap<>();
    final List<String> requested = new ArrayList<>();

    FakeScriptSource with(StoredDocument document) {
        documents.put(document.id(), document);
        return this;
    }

    @Override
    public Optional<StoredDocument> load(String id) {
        requested.add(id);
        return Optional.ofNullable(documents.get(id));
    }
}
