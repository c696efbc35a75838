package dev.corvid.server.etl.load.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The documents an SQL ETL sink has written rows for since it found its tables empty. A document
 * that is not among them has no rows in those tables, so its batch need not look for previous rows
 * to delete. For an initial load that saves the target one index probe per document and table that
 * finds nothing: PostgreSQL spent about 2 s on them in a 10 s load of 200k orders.
 *
 * <p>It is a Bloom filter over the ids, compared case-insensitively: it may answer "maybe" for a
 * document never written (whose rows are then deleted for nothing), and never "no" for one that
 * was. It starts at 128 KB and adds filters of twice the size as documents arrive, about ten bits
 * per document; past {@link #MAX_BITS} it answers "maybe" to everything, which is exactly RavenDB's
 * delete-every-time behaviour. Thread-safe: two batches of a sink may load at once.
 */
final class WrittenDocuments {
    private static final int FIRST_BITS = 1 << 20;
    /** 32 MB of filters, about 25 million documents. */
    static final long MAX_BITS = 1L << 28;
    private static final int BITS_PER_DOCUMENT = 10;
    private static final int HASHES = 7;

    private final List<long[]> filters = new ArrayList<>();
    private long bits;
    private int inNewest;
    private boolean full;

    WrittenDocuments() {
        grow(FIRST_BITS);
    }

    /** False only when {@code documentId} was never {@link #add added}. */
    synchronized boolean mayContain(String documentId) {
        if (full) {
            return true;
        }
        long hash = hash(documentId);
        for (long[] filter : filters) {
            if (contains(filter, hash)) {
                return true;
            }
        }
        return false;
    }

    synchronized void add(String documentId) {
        if (full) {
            return;
        }
        long[] newest = filters.getLast();
        long newestBits = (long) newest.length * Long.SIZE;
        if (inNewest >= newestBits / BITS_PER_DOCUMENT) {
            if (bits + 2 * newestBits > MAX_BITS) {
                full = true;
                filters.clear();
                return;
            }
            newest = grow(2 * newestBits);
        }
        long hash = hash(documentId);
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(newest, hash, i);
            newest[(int) (bit >>> 6)] |= 1L << bit;
        }
        inNewest++;
    }

    private long[] grow(long size) {
        long[] filter = new long[(int) (size / Long.SIZE)];
        filters.add(filter);
        bits += size;
        inNewest = 0;
        return filter;
    }

    private static boolean contains(long[] filter, long hash) {
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(filter, hash, i);
            if ((filter[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The {@code i}th of a document's bits in {@code filter}: double hashing over the two halves of its hash. */
    private static long bit(long[] filter, long hash, int i) {
        long mask = (long) filter.length * Long.SIZE - 1;
        return ((int) hash + (long) i * ((int) (hash >>> 32) | 1)) & mask;
    }

    /** FNV-1a over the lower-cased characters, then the MurmurHash3 finalizer to spread the bits. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= Character.toLowerCase(id.charAt(i));
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
