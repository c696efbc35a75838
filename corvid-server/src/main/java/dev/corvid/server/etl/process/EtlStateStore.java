package dev.corvid.server.etl.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.DocumentStorage;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.WriteTxn;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress of each (task, script) process: the last source etag whose effects the destination
 * acknowledged. Stored durably in the source database, keyed like RavenDB's
 * {@code etl/{task}/{script}} (lower-cased names). A reset bumps an in-memory epoch so that a batch
 * that was in flight during the reset cannot write its old progress back.
 */
public final class EtlStateStore {
    private static final String PREFIX = "etl-state/";

    /** Progress as loaded, with the epoch it was read in. */
    public record ProcessState(long lastProcessedEtag, Optional<Instant> lastBatchAt, long epoch, boolean resetPending) {
    }

    private final DocumentStorage storage;
    private final Map<String, Long> epochs = new ConcurrentHashMap<>();

    public EtlStateStore(DocumentStorage storage) {
        this.storage = storage;
    }

    static String key(String taskName, String scriptName) {
        return PREFIX + taskName.toLowerCase(Locale.ROOT) + "/" + scriptName.toLowerCase(Locale.ROOT);
    }

    public ProcessState load(String taskName, String scriptName) {
        String key = key(taskName, scriptName);
        long epoch = epochs.getOrDefault(key, 0L);
        return storage.read((ReadTxn r) -> r.systemValue(key))
                .map(bytes -> {
                    ObjectNode json = Json.parseStored(bytes);
                    Optional<Instant> at = json.hasNonNull("LastBatchTime")
                            ? Optional.of(Instant.parse(json.get("LastBatchTime").asText())) : Optional.empty();
                    return new ProcessState(json.path("LastProcessedEtag").asLong(), at, epoch, json.path("Reset").asBoolean());
                })
                .orElse(new ProcessState(0, Optional.empty(), epoch, false));
    }

    /** Saves progress unless the state was reset since {@code epoch}; returns whether it was saved. */
    public synchronized boolean saveIfCurrent(String taskName, String scriptName, long epoch, long lastProcessedEtag, Instant at) {
        String key = key(taskName, scriptName);
        if (epochs.getOrDefault(key, 0L) != epoch) {
            return false;
        }
        ObjectNode json = Json.object();
        json.put("ConfigurationName", taskName);
        json.put("TransformationName", scriptName);
        json.put("LastProcessedEtag", lastProcessedEtag);
        json.put("LastBatchTime", at.toString());
        byte[] bytes = Json.toBytes(json);
        storage.write((WriteTxn w) -> {
            w.putSystemValue(key, bytes);
            return null;
        });
        return true;
    }

    /** Forgets the progress: the next batch starts from the first document. */
    public synchronized void delete(String taskName, String scriptName) {
        String key = key(taskName, scriptName);
        epochs.merge(key, 1L, Long::sum);
        storage.write((WriteTxn w) -> {
            // the flag tells the process to clear a checkpoint its destination keeps, too
            w.putSystemValue(key, Json.toBytes(Json.object().put("LastProcessedEtag", 0).put("Reset", true)));
            return null;
        });
    }
}
