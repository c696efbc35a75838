package dev.corvid.server.documents.query;

/**
 * A hash of the etags of all matches, in scan order. An etag names one version of one document, so
 * the hash changes when a match changes, appears or disappears; it is stable while none does.
 */
final class ResultEtag {
    private long hash = 0x6A09E667F3BCC908L;

    void add(long etag) {
        hash = mix(hash * 31 + etag);
    }

    long value() {
        return hash;
    }

    /** The SplitMix64 finaliser: spreads every input bit over the whole value. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
