package dev.corvid.server.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.AttachmentInfo;
import dev.corvid.server.storage.DocumentStorage;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.WriteTxn;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Document operations with RavenDB's semantics: loads with includes, puts with optimistic
 * concurrency and server-generated ids, and transactional batches. Thread-safe.
 */
public final class DocumentService {
    private static final String NODE_TAG = "A";

    private final DocumentStorage storage;

    DocumentService(DocumentStorage storage) {
        this.storage = storage;
    }

    /** Documents in request order (empty for missing ids) plus the documents their include paths name. */
    public record Loaded(List<Optional<StoredDocument>> results, Map<String, StoredDocument> includes) {
    }

    public Loaded load(List<String> ids, List<String> includePaths) {
        return storage.read((ReadTxn r) -> {
            List<Optional<StoredDocument>> results = new ArrayList<>(ids.size());
            for (String id : ids) {
                results.add(r.get(id));
            }
            return new Loaded(results, includes(r, results.stream().flatMap(Optional::stream).toList(), includePaths));
        });
    }

    /** Resolves include paths ({@code friendId}, {@code Address.CityId}, {@code Lines[].Product}) of {@code documents}. */
    public static Map<String, StoredDocument> includes(ReadTxn txn, List<StoredDocument> documents, List<String> paths) {
        Map<String, StoredDocument> includes = new LinkedHashMap<>();
        if (paths.isEmpty()) {
            return includes;
        }
        for (StoredDocument document : documents) {
            ObjectNode json = Json.parseStored(document.json());
            for (String path : paths) {
                List<String> referenced = new ArrayList<>();
                collect(json, List.of(path.split("\\.")), 0, referenced);
                for (String id : referenced) {
                    if (!includes.containsKey(id.toLowerCase(Locale.ROOT))) {
                        txn.get(id).ifPresent(d -> includes.put(id.toLowerCase(Locale.ROOT), d));
                    }
                }
            }
        }
        Map<String, StoredDocument> byId = new LinkedHashMap<>();
        includes.values().forEach(d -> byId.put(d.id(), d));
        return byId;
    }

    private static void collect(JsonNode node, List<String> segments, int index, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (index == segments.size()) {
            if (node.isTextual()) {
                out.add(node.asText());
            } else if (node.isArray()) {
                node.forEach(e -> collect(e, segments, index, out));
            }
            return;
        }
        String segment = segments.get(index);
        boolean each = segment.endsWith("[]");
        JsonNode child = node.get(each ? segment.substring(0, segment.length() - 2) : segment);
        if (each && child != null && child.isArray()) {
            child.forEach(e -> collect(e, segments, index + 1, out));
        } else {
            collect(child, segments, index + 1, out);
        }
    }

    public Optional<StoredDocument> get(String id) {
        return storage.read((ReadTxn r) -> r.get(id));
    }

    /** Stores one document (PUT /docs). */
    public StoredDocument put(String id, ObjectNode document, ExpectedChangeVector expected) {
        BatchResult.Put result = (BatchResult.Put) batch(List.of(new BatchCommand.Put(id, document, expected)), List.of()).get(0);
        return result.document();
    }

    /** Deletes one document (DELETE /docs); true when it existed. */
    public boolean delete(String id, ExpectedChangeVector expected) {
        BatchResult.Deleted result = (BatchResult.Deleted) batch(List.of(new BatchCommand.Delete(id, expected)), List.of()).get(0);
        return result.deleted();
    }

    /**
     * Applies all commands in one transaction, durably. Any failure (a concurrency conflict, a
     * missing document for an attachment) rolls back the whole batch.
     */
    public List<BatchResult> batch(List<BatchCommand> commands, List<byte[]> attachmentStreams) {
        return storage.write(batchWork(commands, attachmentStreams));
    }

    /** Like {@link #batch} but queued: the future completes once the batch is durable. */
    public CompletableFuture<List<BatchResult>> submitBatch(List<BatchCommand> commands, List<byte[]> attachmentStreams) {
        return storage.submit(batchWork(commands, attachmentStreams));
    }

    private static Function<WriteTxn, List<BatchResult>> batchWork(List<BatchCommand> commands, List<byte[]> streams) {
        return w -> {
            List<BatchResult> results = new ArrayList<>(commands.size());
            for (BatchCommand command : commands) {
                results.add(apply(w, command, streams));
            }
            return results;
        };
    }

    private static BatchResult apply(WriteTxn w, BatchCommand command, List<byte[]> streams) {
        return switch (command) {
            case BatchCommand.Put put -> {
                String id = resolveId(w, put.id());
                put.expected().check(id, () -> w.get(id), "PUT");
                yield new BatchResult.Put(w.put(id, put.document(), !put.replaceAttachments()));
            }
            case BatchCommand.Delete delete -> {
                delete.expected().check(delete.id(), () -> w.get(delete.id()), "DELETE");
                var tombstone = w.delete(delete.id());
                yield new BatchResult.Deleted(delete.id(), tombstone.isPresent(), tombstone.map(t -> t.changeVector()));
            }
            case BatchCommand.DeletePrefixed prefixed ->
                    new BatchResult.DeletedPrefixed(prefixed.prefix(), w.deletePrefixed(prefixed.prefix()));
            case BatchCommand.PutAttachment put -> {
                if (put.streamIndex() < 0 || put.streamIndex() >= streams.size()) {
                    throw CorvidException.badRequest("Attachment '" + put.name() + "' of '" + put.documentId()
                            + "' has no content part in the request.");
                }
                put.expected().check(put.documentId(), () -> w.get(put.documentId()), "PUT attachment");
                StoredDocument document = w.putAttachment(put.documentId(), put.name(), put.contentType(),
                        streams.get(put.streamIndex()));
                AttachmentInfo info = w.attachment(document.id(), put.name()).orElseThrow().info();
                yield new BatchResult.AttachmentPut(document.id(), info, document.changeVector());
            }
            case BatchCommand.DeleteAttachment delete -> {
                delete.expected().check(delete.documentId(), () -> w.get(delete.documentId()), "DELETE attachment");
                var document = w.deleteAttachment(delete.documentId(), delete.name());
                yield new BatchResult.AttachmentDeleted(delete.documentId(), delete.name(), document.map(StoredDocument::changeVector));
            }
        };
    }

    /**
     * Server-side ids: {@code users/} becomes {@code users/0000000000000000042-A} (the next etag),
     * {@code users|} takes the next value of the {@code users} identity ({@code users/7}).
     */
    static String resolveId(WriteTxn w, String id) {
        if (id == null || id.isBlank()) {
            throw new CorvidException(ErrorCode.INVALID_ID, "Document id must not be empty.");
        }
        if (id.endsWith("|")) {
            String base = id.substring(0, id.length() - 1);
            return base + "/" + nextIdentity(w, base, 1);
        }
        if (id.endsWith("/")) {
            return id + String.format("%019d", w.lastEtag() + 1) + "-" + NODE_TAG;
        }
        return id;
    }

    /** Increments the identity of {@code name} (trailing separator ignored) and returns the new value. */
    public long nextIdentity(String name) {
        return storage.write((WriteTxn w) -> nextIdentity(w, name, 1));
    }

    /** Sets the identity to at least {@code value} (or exactly, with {@code force}); returns the new value. */
    public long seedIdentity(String name, long value, boolean force) {
        return storage.write((WriteTxn w) -> {
            String key = identityKey(name);
            long current = w.systemValue(key).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
            long next = force ? value : Math.max(current, value);
            w.putSystemValue(key, ByteBuffer.allocate(8).putLong(next).array());
            return next;
        });
    }

    private static long nextIdentity(WriteTxn w, String name, long by) {
        String key = identityKey(name);
        long next = w.systemValue(key).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L) + by;
        w.putSystemValue(key, ByteBuffer.allocate(8).putLong(next).array());
        return next;
    }

    private static String identityKey(String name) {
        String base = name;
        while (base.endsWith("/") || base.endsWith("|")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isBlank()) {
            throw CorvidException.badRequest("Identity name must not be empty.");
        }
        return "identity/" + base.toLowerCase(Locale.ROOT);
    }
}
