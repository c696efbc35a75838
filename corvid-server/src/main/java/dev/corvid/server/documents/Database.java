package dev.corvid.server.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.DocumentStorage;
import dev.corvid.server.storage.ReadTxn;
import java.time.Clock;
import java.util.Objects;

/**
 * One open database: its storage and the services working on it. Thread-safe.
 */
public final class Database implements AutoCloseable {
    static final String RECORD_KEY = "database-record";

    private final String name;
    private final DocumentStorage storage;
    private final DocumentService documents;
    private final HiLoService hiLo;
    private final Operations operations;

    Database(String name, DocumentStorage storage, Clock clock) {
        this.name = Objects.requireNonNull(name);
        this.storage = Objects.requireNonNull(storage);
        this.documents = new DocumentService(storage);
        this.hiLo = new HiLoService(storage, clock);
        this.operations = new Operations(clock);
    }

    public String name() {
        return name;
    }

    public DocumentStorage storage() {
        return storage;
    }

    public DocumentService documents() {
        return documents;
    }

    public HiLoService hiLo() {
        return hiLo;
    }

    public Operations operations() {
        return operations;
    }

    /** The database record as last stored (RavenDB's DatabaseRecord shape). */
    public ObjectNode record() {
        return storage.read((ReadTxn r) -> r.systemValue(RECORD_KEY))
                .map(Json::parseStored)
                .orElseGet(() -> {
                    ObjectNode record = Json.object();
                    record.put("DatabaseName", name);
                    return record;
                });
    }

    @Override
    public void close() {
        storage.close();
    }
}
