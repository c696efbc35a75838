package dev.corvid.server.storage.lmdb;

import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Binary layouts of keys and values. Keys compare as unsigned bytes (LMDB's default), so etags are
 * written big-endian and sort numerically.
 *
 * <pre>
 * docs        lower(id)                    → etag:8 modifiedSec:8 modifiedNano:4 flags:1 str(id) str(collection) str(cv) json
 * tombstones  lower(id)                    → etag:8 deletedSec:8 deletedNano:4 str(id) str(collection) str(cv)
 * etags       etag:8                       → kind:1 lower(id)
 * collections lower(collection) 0x00 etag:8 → kind:1 lower(id)
 * </pre>
 */
final class Codec {
    static final byte KIND_DOCUMENT = 1;
    static final byte KIND_TOMBSTONE = 2;
    static final int MAX_KEY_BYTES = 511;

    private Codec() {
    }

    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static int strSize(byte[] s) {
        return 2 + s.length;
    }

    static void putStr(ByteBuffer b, byte[] s) {
        b.putShort((short) s.length);
        b.put(s);
    }

    static String getStr(ByteBuffer b) {
        int len = Short.toUnsignedInt(b.getShort());
        byte[] s = new byte[len];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    static int documentSize(byte[] id, byte[] collection, byte[] cv, byte[] json) {
        return 8 + 8 + 4 + 1 + strSize(id) + strSize(collection) + strSize(cv) + json.length;
    }

    static void writeDocument(ByteBuffer b, long etag, Instant modified, boolean hasAttachments,
                              byte[] id, byte[] collection, byte[] cv, byte[] json) {
        b.putLong(etag).putLong(modified.getEpochSecond()).putInt(modified.getNano());
        b.put((byte) (hasAttachments ? 1 : 0));
        putStr(b, id);
        putStr(b, collection);
        putStr(b, cv);
        b.put(json);
    }

    static StoredDocument readDocument(ByteBuffer source) {
        ByteBuffer b = source.duplicate();
        long etag = b.getLong();
        Instant modified = Instant.ofEpochSecond(b.getLong(), b.getInt());
        boolean hasAttachments = b.get() != 0;
        String id = getStr(b);
        String collection = getStr(b);
        String cv = getStr(b);
        byte[] json = new byte[b.remaining()];
        b.get(json);
        return new StoredDocument(id, collection, etag, cv, modified, hasAttachments, json);
    }

    /** Reads only the etag of a document or tombstone value. */
    static long etagOf(ByteBuffer value) {
        return value.getLong(value.position());
    }

    static int tombstoneSize(byte[] id, byte[] collection, byte[] cv) {
        return 8 + 8 + 4 + strSize(id) + strSize(collection) + strSize(cv);
    }

    static void writeTombstone(ByteBuffer b, Tombstone t) {
        b.putLong(t.etag()).putLong(t.deletedAt().getEpochSecond()).putInt(t.deletedAt().getNano());
        putStr(b, utf8(t.id()));
        putStr(b, utf8(t.collection()));
        putStr(b, utf8(t.changeVector()));
    }

    static Tombstone readTombstone(ByteBuffer source) {
        ByteBuffer b = source.duplicate();
        long etag = b.getLong();
        Instant deletedAt = Instant.ofEpochSecond(b.getLong(), b.getInt());
        String id = getStr(b);
        String collection = getStr(b);
        String cv = getStr(b);
        return new Tombstone(id, collection, etag, cv, deletedAt);
    }
}
