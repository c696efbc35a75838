package dev.corvid.server.storage.lmdb;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Direct buffers for LMDB keys, one per purpose so that nested look-ups never overwrite a key in
 * use. Allocating direct buffers is slow, so sets are pooled and reused across transactions.
 */
final class KeyBuffers {
    private static final int SIZE = Codec.MAX_KEY_BYTES + 16;
    private static final ConcurrentLinkedQueue<KeyBuffers> POOL = new ConcurrentLinkedQueue<>();

    final ByteBuffer id = ByteBuffer.allocateDirect(SIZE);
    final ByteBuffer etag = ByteBuffer.allocateDirect(SIZE);
    final ByteBuffer collection = ByteBuffer.allocateDirect(SIZE);
    final ByteBuffer other = ByteBuffer.allocateDirect(SIZE);

    static KeyBuffers borrow() {
        KeyBuffers buffers = POOL.poll();
        return buffers != null ? buffers : new KeyBuffers();
    }

    static void giveBack(KeyBuffers buffers) {
        if (POOL.size() < 256) {
            POOL.offer(buffers);
        }
    }

    static ByteBuffer fill(ByteBuffer target, byte[] bytes) {
        target.clear();
        target.put(bytes).flip();
        return target;
    }

    static ByteBuffer fillEtag(ByteBuffer target, long etag) {
        target.clear();
        target.putLong(etag).flip();
        return target;
    }

    static ByteBuffer fillCollectionEtag(ByteBuffer target, byte[] foldedCollection, long etag) {
        target.clear();
        target.put(foldedCollection).put((byte) 0).putLong(etag).flip();
        return target;
    }
}
