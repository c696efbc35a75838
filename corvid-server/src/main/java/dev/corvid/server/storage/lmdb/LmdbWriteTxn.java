package dev.corvid.server.storage.lmdb;

import static dev.corvid.server.storage.lmdb.Codec.fold;
import static dev.corvid.server.storage.lmdb.Codec.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.AttachmentInfo;
import dev.corvid.server.storage.CollectionStats;
import dev.corvid.server.storage.Metadata;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import dev.corvid.server.storage.WriteTxn;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/**
 * Writes of one merged-writer operation. Counters are accumulated here and written once by
 * {@link #flushCounters()}, which the merger calls before the operation's transaction commits.
 */
final class LmdbWriteTxn extends LmdbReadTxn implements WriteTxn {
    private final EtagCounter etags;
    private final Clock clock;
    private final String nodeTag;
    private final Map<String, Long> counterDeltas = new HashMap<>();
    private final Map<String, String> collectionNames = new HashMap<>();

    LmdbWriteTxn(Txn<ByteBuffer> txn, Tables tables, KeyBuffers keys, String databaseId,
                 EtagCounter etags, Clock clock, String nodeTag) {
        super(txn, tables, keys, databaseId);
        this.etags = etags;
        this.clock = clock;
        this.nodeTag = nodeTag;
    }

    /** Mutable last etag shared by the writer; the merger restores it when an operation rolls back. */
    static final class EtagCounter {
        long last;

        EtagCounter(long last) {
            this.last = last;
        }

        long next() {
            return ++last;
        }
    }

    private String changeVector(long etag) {
        return nodeTag + ":" + etag + "-" + databaseId;
    }

    @Override
    public long lastEtag() {
        return etags.last;
    }

    @Override
    public StoredDocument put(String id, ObjectNode document, boolean keepAttachments) {
        byte[] foldedId = validId(id);
        Optional<StoredDocument> existing = get(id);
        ObjectNode metadata = document.has(Metadata.KEY) && document.get(Metadata.KEY).isObject()
                ? (ObjectNode) document.get(Metadata.KEY)
                : document.putObject(Metadata.KEY);
        String collection = collectionOf(metadata);
        List<AttachmentInfo> attachments = existing
                .map(d -> List.copyOf(attachmentInfos(d).values()))
                .orElse(List.of());
        if (!keepAttachments && !attachments.isEmpty()) {
            attachments.forEach(a -> releaseContent(a.hash()));
            attachments = List.of();
        }
        return write(id, foldedId, collection, document, metadata, attachments, existing);
    }

    private static String collectionOf(ObjectNode metadata) {
        JsonNode c = metadata.get(Metadata.COLLECTION);
        return c != null && c.isTextual() && !c.asText().isBlank() ? c.asText() : Metadata.EMPTY_COLLECTION;
    }

    private StoredDocument write(String id, byte[] foldedId, String collection, ObjectNode document,
                                 ObjectNode metadata, List<AttachmentInfo> attachments,
                                 Optional<StoredDocument> existing) {
        long etag = etags.next();
        Instant now = clock.instant();
        String cv = changeVector(etag);
        String storedId = existing.map(StoredDocument::id).orElse(id);

        metadata.remove(List.of(Metadata.ID, Metadata.CHANGE_VECTOR, Metadata.LAST_MODIFIED,
                Metadata.FLAGS, Metadata.ATTACHMENTS));
        if (!Metadata.EMPTY_COLLECTION.equals(collection)) {
            metadata.put(Metadata.COLLECTION, collection);
        }
        if (!attachments.isEmpty()) {
            metadata.put(Metadata.FLAGS, Metadata.HAS_ATTACHMENTS);
            ArrayNode list = metadata.putArray(Metadata.ATTACHMENTS);
            attachments.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(a -> list.addObject()
                    .put("Name", a.name()).put("Hash", a.hash()).put("ContentType", a.contentType()).put("Size", a.size()));
        }
        metadata.put(Metadata.ID, storedId);
        metadata.put(Metadata.CHANGE_VECTOR, cv);
        metadata.put(Metadata.LAST_MODIFIED, Json.formatDate(now));
        byte[] json = Json.toBytes(document);

        if (existing.isPresent()) {
            removeIndexEntries(existing.get().etag(), existing.get().collection());
            if (!fold(existing.get().collection()).equals(fold(collection))) {
                countCollection(existing.get().collection(), -1);
                countCollection(collection, 1);
            }
        } else {
            removeTombstone(foldedId);
            count(SYS_COUNT_DOCS, 1);
            countCollection(collection, 1);
        }

        byte[] idBytes = utf8(storedId);
        byte[] collectionBytes = utf8(collection);
        byte[] cvBytes = utf8(cv);
        ByteBuffer value = tables.docs().reserve(txn, KeyBuffers.fill(keys.id, foldedId),
                Codec.documentSize(idBytes, collectionBytes, cvBytes, json));
        Codec.writeDocument(value, etag, now, !attachments.isEmpty(), idBytes, collectionBytes, cvBytes, json);
        addIndexEntries(etag, collection, Codec.KIND_DOCUMENT, foldedId);
        return new StoredDocument(storedId, collection, etag, cv, now, !attachments.isEmpty(), json);
    }

    private static byte[] validId(String id) {
        if (id == null || id.isBlank()) {
            throw new CorvidException(ErrorCode.INVALID_ID, "Document id must not be empty.");
        }
        byte[] folded = utf8(fold(id));
        if (folded.length > Codec.MAX_KEY_BYTES) {
            throw new CorvidException(ErrorCode.INVALID_ID,
                    "Document id is " + folded.length + " bytes long; the limit is " + Codec.MAX_KEY_BYTES + " bytes.");
        }
        return folded;
    }

    private void addIndexEntries(long etag, String collection, byte kind, byte[] foldedId) {
        ByteBuffer indexValue = ByteBuffer.allocate(1 + foldedId.length).put(kind).put(foldedId).flip();
        ByteBuffer v = tables.etags().reserve(txn, KeyBuffers.fillEtag(keys.etag, etag), indexValue.remaining());
        v.put(indexValue.duplicate());
        ByteBuffer c = tables.collections().reserve(txn,
                KeyBuffers.fillCollectionEtag(keys.collection, utf8(fold(collection)), etag), indexValue.remaining());
        c.put(indexValue);
    }

    private void removeIndexEntries(long etag, String collection) {
        tables.etags().delete(txn, KeyBuffers.fillEtag(keys.etag, etag));
        tables.collections().delete(txn, KeyBuffers.fillCollectionEtag(keys.collection, utf8(fold(collection)), etag));
    }

    private void removeTombstone(byte[] foldedId) {
        ByteBuffer old = tables.tombstones().get(txn, KeyBuffers.fill(keys.id, foldedId));
        if (old != null) {
            Tombstone tombstone = Codec.readTombstone(old);
            tables.tombstones().delete(txn, KeyBuffers.fill(keys.id, foldedId));
            removeIndexEntries(tombstone.etag(), tombstone.collection());
            count(SYS_COUNT_TOMBSTONES, -1);
        }
    }

    @Override
    public Optional<Tombstone> delete(String id) {
        byte[] foldedId = validId(id);
        Optional<StoredDocument> existing = get(id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        StoredDocument document = existing.get();
        for (AttachmentInfo attachment : attachmentInfos(document).values()) {
            releaseContent(attachment.hash());
        }
        tables.docs().delete(txn, KeyBuffers.fill(keys.id, foldedId));
        removeIndexEntries(document.etag(), document.collection());
        count(SYS_COUNT_DOCS, -1);
        countCollection(document.collection(), -1);

        long etag = etags.next();
        Tombstone tombstone = new Tombstone(document.id(), document.collection(), etag, changeVector(etag), clock.instant());
        byte[] idBytes = utf8(tombstone.id());
        ByteBuffer value = tables.tombstones().reserve(txn, KeyBuffers.fill(keys.id, foldedId),
                Codec.tombstoneSize(idBytes, utf8(tombstone.collection()), utf8(tombstone.changeVector())));
        Codec.writeTombstone(value, tombstone);
        addIndexEntries(etag, tombstone.collection(), Codec.KIND_TOMBSTONE, foldedId);
        count(SYS_COUNT_TOMBSTONES, 1);
        return Optional.of(tombstone);
    }

    @Override
    public long deletePrefixed(String prefix) {
        List<String> ids = new ArrayList<>();
        forEachDocumentWithPrefix(prefix, d -> ids.add(d.id()));
        ids.forEach(this::delete);
        return ids.size();
    }

    @Override
    public StoredDocument putAttachment(String documentId, String name, String contentType, byte[] content) {
        if (name == null || name.isBlank()) {
            throw CorvidException.badRequest("Attachment name must not be empty.");
        }
        StoredDocument document = get(documentId).orElseThrow(() -> new CorvidException(
                ErrorCode.DOCUMENT_DOES_NOT_EXIST, "Document '" + documentId + "' does not exist."));
        String hash = hash(content);
        Map<String, AttachmentInfo> attachments = attachmentInfos(document);
        AttachmentInfo previous = removeByName(attachments, name);
        if (previous != null) {
            releaseContent(previous.hash());
        }
        attachments.put(name, new AttachmentInfo(name, hash, contentType == null ? "" : contentType, content.length));
        retainContent(hash, content);
        return rewrite(document, List.copyOf(attachments.values()));
    }

    @Override
    public Optional<StoredDocument> deleteAttachment(String documentId, String name) {
        Optional<StoredDocument> document = get(documentId);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttachmentInfo> attachments = attachmentInfos(document.get());
        AttachmentInfo removed = removeByName(attachments, name);
        if (removed == null) {
            return Optional.empty();
        }
        releaseContent(removed.hash());
        return Optional.of(rewrite(document.get(), List.copyOf(attachments.values())));
    }

    private static AttachmentInfo removeByName(Map<String, AttachmentInfo> attachments, String name) {
        String key = attachments.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
        return key == null ? null : attachments.remove(key);
    }

    private StoredDocument rewrite(StoredDocument document, List<AttachmentInfo> attachments) {
        ObjectNode json = Json.parseStored(document.json());
        ObjectNode metadata = (ObjectNode) json.get(Metadata.KEY);
        return write(document.id(), utf8(fold(document.id())), document.collection(), json, metadata, attachments,
                Optional.of(document));
    }

    private void retainContent(String hash, byte[] content) {
        ByteBuffer key = KeyBuffers.fill(keys.other, Base64.getDecoder().decode(hash));
        ByteBuffer refs = tables.attachmentRefs().get(txn, key);
        long count = refs == null ? 0 : refs.getLong(refs.position());
        if (count == 0) {
            ByteBuffer value = tables.attachments().reserve(txn, key, content.length);
            value.put(content);
            count(SYS_COUNT_UNIQUE_ATTACHMENTS, 1);
        }
        tables.attachmentRefs().reserve(txn, key, 8).putLong(count + 1);
        count(SYS_COUNT_ATTACHMENTS, 1);
    }

    private void releaseContent(String hash) {
        ByteBuffer key = KeyBuffers.fill(keys.other, Base64.getDecoder().decode(hash));
        ByteBuffer refs = tables.attachmentRefs().get(txn, key);
        long count = refs == null ? 0 : refs.getLong(refs.position());
        if (count <= 1) {
            tables.attachmentRefs().delete(txn, key);
            tables.attachments().delete(txn, key);
            count(SYS_COUNT_UNIQUE_ATTACHMENTS, -1);
        } else {
            tables.attachmentRefs().reserve(txn, key, 8).putLong(count - 1);
        }
        count(SYS_COUNT_ATTACHMENTS, -1);
    }

    static String hash(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long purgeTombstones(long upToEtag) {
        List<Tombstone> purge = new ArrayList<>();
        try (CursorIterable<ByteBuffer> cursor = tables.etags().iterate(txn, KeyRange.all())) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : cursor) {
                if (kv.key().getLong(kv.key().position()) > upToEtag) {
                    break;
                }
                ByteBuffer v = kv.val().duplicate();
                if (v.get() == Codec.KIND_TOMBSTONE) {
                    ByteBuffer id = ByteBuffer.allocateDirect(v.remaining()).put(v).flip();
                    purge.add(Codec.readTombstone(tables.tombstones().get(txn, id)));
                }
            }
        }
        for (Tombstone tombstone : purge) {
            removeTombstone(utf8(fold(tombstone.id())));
        }
        return purge.size();
    }

    @Override
    public void putSystemValue(String key, byte[] value) {
        putRawSystem(SYS_USER_PREFIX + key, value);
    }

    void putRawSystem(String key, byte[] value) {
        ByteBuffer v = tables.system().reserve(txn, KeyBuffers.fill(keys.other, utf8(key)), value.length);
        v.put(value);
    }

    private void count(String key, long delta) {
        counterDeltas.merge(key, delta, Long::sum);
    }

    private void countCollection(String collection, long delta) {
        String key = SYS_COLLECTION_PREFIX + fold(collection);
        collectionNames.putIfAbsent(key, collection);
        count(key, delta);
    }

    @Override
    public CollectionStats stats() {
        flushCounters();
        return super.stats();
    }

    /** Writes the accumulated counter changes; called before the operation's transaction commits. */
    void flushCounters() {
        for (Map.Entry<String, Long> delta : counterDeltas.entrySet()) {
            if (delta.getValue() == 0) {
                continue;
            }
            String key = delta.getKey();
            if (key.startsWith(SYS_COLLECTION_PREFIX)) {
                Optional<byte[]> old = rawSystem(key);
                long count = old.map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L) + delta.getValue();
                String name = old.map(b -> Codec.getStr(ByteBuffer.wrap(b).position(8))).orElse(collectionNames.get(key));
                byte[] nameBytes = utf8(name);
                putRawSystem(key, ByteBuffer.allocate(8 + Codec.strSize(nameBytes)).putLong(count)
                        .putShort((short) nameBytes.length).put(nameBytes).array());
            } else {
                putRawSystem(key, ByteBuffer.allocate(8).putLong(systemLong(key) + delta.getValue()).array());
            }
        }
        counterDeltas.clear();
    }
}
