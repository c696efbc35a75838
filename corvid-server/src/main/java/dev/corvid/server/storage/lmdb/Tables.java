package dev.corvid.server.storage.lmdb;

import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;

/** The named LMDB databases of one Corvid database; see {@link Codec} for their layouts. */
record Tables(Dbi<ByteBuffer> docs, Dbi<ByteBuffer> tombstones, Dbi<ByteBuffer> etags,
              Dbi<ByteBuffer> collections, Dbi<ByteBuffer> attachments, Dbi<ByteBuffer> attachmentRefs,
              Dbi<ByteBuffer> system) {
    static final int COUNT = 7;

    static Tables open(Env<ByteBuffer> env) {
        return new Tables(
                env.openDbi("docs", DbiFlags.MDB_CREATE),
                env.openDbi("tombstones", DbiFlags.MDB_CREATE),
                env.openDbi("etags", DbiFlags.MDB_CREATE),
                env.openDbi("collections", DbiFlags.MDB_CREATE),
                env.openDbi("attachments", DbiFlags.MDB_CREATE),
                env.openDbi("attachment-refs", DbiFlags.MDB_CREATE),
                env.openDbi("system", DbiFlags.MDB_CREATE));
    }
}
