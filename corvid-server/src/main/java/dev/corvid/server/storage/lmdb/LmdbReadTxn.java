package dev.corvid.server.storage.lmdb;

import static dev.corvid.server.storage.lmdb.Codec.fold;
import static dev.corvid.server.storage.lmdb.Codec.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.Attachment;
import dev.corvid.server.storage.AttachmentInfo;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.CollectionStats;
import dev.corvid.server.storage.Metadata;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/** Reads of one LMDB transaction (read-only or the writer's). */
class LmdbReadTxn implements ReadTxn {
    static final String SYS_DATABASE_ID = "database-id";
    static final String SYS_LAST_ETAG = "last-etag";
    static final String SYS_COUNT_DOCS = "count/docs";
    static final String SYS_COUNT_TOMBSTONES = "count/tombstones";
    static final String SYS_COUNT_ATTACHMENTS = "count/attachments";
    static final String SYS_COUNT_UNIQUE_ATTACHMENTS = "count/unique-attachments";
    static final String SYS_COLLECTION_PREFIX = "collection/";
    static final String SYS_USER_PREFIX = "value/";

    final Txn<ByteBuffer> txn;
    final Tables tables;
    final KeyBuffers keys;
    final String databaseId;

    LmdbReadTxn(Txn<ByteBuffer> txn, Tables tables, KeyBuffers keys, String databaseId) {
        this.txn = txn;
        this.tables = tables;
        this.keys = keys;
        this.databaseId = databaseId;
    }

    @Override
    public Optional<StoredDocument> get(String id) {
        byte[] folded = utf8(fold(id));
        if (folded.length > Codec.MAX_KEY_BYTES) {
            return Optional.empty();
        }
        ByteBuffer value = tables.docs().get(txn, KeyBuffers.fill(keys.id, folded));
        return value == null ? Optional.empty() : Optional.of(Codec.readDocument(value));
    }

    @Override
    public Optional<Tombstone> tombstone(String id) {
        byte[] folded = utf8(fold(id));
        if (folded.length > Codec.MAX_KEY_BYTES) {
            return Optional.empty();
        }
        ByteBuffer value = tables.tombstones().get(txn, KeyBuffers.fill(keys.id, folded));
        return value == null ? Optional.empty() : Optional.of(Codec.readTombstone(value));
    }

    @Override
    public void forEachChange(long afterEtag, Optional<String> collection, Predicate<ChangeEntry> visitor) {
        if (collection.isPresent()) {
            forEachChangeOfCollection(afterEtag, utf8(fold(collection.get())), visitor);
            return;
        }
        ByteBuffer start = KeyBuffers.fillEtag(ByteBuffer.allocateDirect(8), afterEtag + 1);
        try (CursorIterable<ByteBuffer> cursor = tables.etags().iterate(txn, KeyRange.atLeast(start))) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : cursor) {
                if (!visitor.test(resolve(kv.val()))) {
                    return;
                }
            }
        }
    }

    private void forEachChangeOfCollection(long afterEtag, byte[] foldedCollection, Predicate<ChangeEntry> visitor) {
        ByteBuffer start = KeyBuffers.fillCollectionEtag(
                ByteBuffer.allocateDirect(foldedCollection.length + 9), foldedCollection, afterEtag + 1);
        try (CursorIterable<ByteBuffer> cursor = tables.collections().iterate(txn, KeyRange.atLeast(start))) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : cursor) {
                ByteBuffer key = kv.key();
                if (!hasCollectionPrefix(key, foldedCollection)) {
                    return;
                }
                if (!visitor.test(resolve(kv.val()))) {
                    return;
                }
            }
        }
    }

    private static boolean hasCollectionPrefix(ByteBuffer key, byte[] foldedCollection) {
        if (key.remaining() != foldedCollection.length + 9) {
            return false;
        }
        int base = key.position();
        for (int i = 0; i < foldedCollection.length; i++) {
            if (key.get(base + i) != foldedCollection[i]) {
                return false;
            }
        }
        return key.get(base + foldedCollection.length) == 0;
    }

    /** Turns an index value (kind + folded id) into the entry it points to. */
    private ChangeEntry resolve(ByteBuffer indexValue) {
        ByteBuffer v = indexValue.duplicate();
        byte kind = v.get();
        ByteBuffer key = keys.other;
        key.clear();
        key.put(v).flip();
        if (kind == Codec.KIND_DOCUMENT) {
            return Codec.readDocument(tables.docs().get(txn, key));
        }
        return Codec.readTombstone(tables.tombstones().get(txn, key));
    }

    @Override
    public void forEachDocumentWithPrefix(String prefix, Predicate<StoredDocument> visitor) {
        byte[] folded = utf8(fold(prefix));
        if (folded.length > Codec.MAX_KEY_BYTES) {
            return;
        }
        ByteBuffer start = KeyBuffers.fill(ByteBuffer.allocateDirect(Math.max(1, folded.length)), folded);
        KeyRange<ByteBuffer> range = folded.length == 0 ? KeyRange.all() : KeyRange.atLeast(start);
        try (CursorIterable<ByteBuffer> cursor = tables.docs().iterate(txn, range)) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : cursor) {
                if (!startsWith(kv.key(), folded) || !visitor.test(Codec.readDocument(kv.val()))) {
                    return;
                }
            }
        }
    }

    private static boolean startsWith(ByteBuffer key, byte[] prefix) {
        if (key.remaining() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key.get(key.position() + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<Attachment> attachment(String documentId, String name) {
        Optional<StoredDocument> document = get(documentId);
        if (document.isEmpty() || !document.get().hasAttachments()) {
            return Optional.empty();
        }
        return attachmentInfos(document.get()).entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .findFirst()
                .map(e -> new Attachment(e.getValue(), document.get().changeVector(), content(e.getValue().hash())));
    }

    byte[] content(String hash) {
        ByteBuffer value = tables.attachments().get(txn, KeyBuffers.fill(keys.other, Base64.getDecoder().decode(hash)));
        if (value == null) {
            throw new IllegalStateException("attachment content missing for hash " + hash);
        }
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        return bytes;
    }

    /** The attachments listed in a stored document's metadata, by name in stored order. */
    static Map<String, AttachmentInfo> attachmentInfos(StoredDocument document) {
        Map<String, AttachmentInfo> result = new LinkedHashMap<>();
        if (!document.hasAttachments()) {
            return result;
        }
        ObjectNode json = Json.parseStored(document.json());
        JsonNode list = json.path(Metadata.KEY).path(Metadata.ATTACHMENTS);
        for (JsonNode a : list) {
            AttachmentInfo info = new AttachmentInfo(a.path("Name").asText(), a.path("Hash").asText(),
                    a.path("ContentType").asText(""), a.path("Size").asLong());
            result.put(info.name(), info);
        }
        return result;
    }

    @Override
    public long lastEtag() {
        return systemLong(SYS_LAST_ETAG);
    }

    @Override
    public CollectionStats stats() {
        Map<String, Long> byCollection = new LinkedHashMap<>();
        byte[] prefix = utf8(SYS_COLLECTION_PREFIX);
        ByteBuffer start = KeyBuffers.fill(ByteBuffer.allocateDirect(prefix.length), prefix);
        try (CursorIterable<ByteBuffer> cursor = tables.system().iterate(txn, KeyRange.atLeast(start))) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : cursor) {
                if (!startsWith(kv.key(), prefix)) {
                    break;
                }
                ByteBuffer v = kv.val().duplicate();
                long count = v.getLong();
                if (count > 0) {
                    byCollection.put(Codec.getStr(v), count);
                }
            }
        }
        return new CollectionStats(systemLong(SYS_COUNT_DOCS), systemLong(SYS_COUNT_TOMBSTONES),
                systemLong(SYS_COUNT_ATTACHMENTS), systemLong(SYS_COUNT_UNIQUE_ATTACHMENTS), byCollection);
    }

    @Override
    public String databaseId() {
        return databaseId;
    }

    @Override
    public Optional<byte[]> systemValue(String key) {
        return rawSystem(SYS_USER_PREFIX + key);
    }

    Optional<byte[]> rawSystem(String key) {
        ByteBuffer value = tables.system().get(txn, KeyBuffers.fill(keys.other, utf8(key)));
        if (value == null) {
            return Optional.empty();
        }
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        return Optional.of(bytes);
    }

    long systemLong(String key) {
        ByteBuffer value = tables.system().get(txn, KeyBuffers.fill(keys.other, utf8(key)));
        return value == null ? 0 : value.getLong(value.position());
    }

    static String describe(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
