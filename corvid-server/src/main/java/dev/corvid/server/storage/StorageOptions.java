package dev.corvid.server.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of one database's storage.
 *
 * @param path          folder of the LMDB files
 * @param mapSizeBytes  the largest the data file may grow to ({@value #DEFAULT_MAP_SIZE} bytes by default; address space only)
 * @param maxMergedOps  most write requests committed together ({@value #DEFAULT_MAX_MERGED_OPS})
 * @param durable       fsync on every commit; only benchmarks of the engine itself turn this off
 */
public record StorageOptions(Path path, long mapSizeBytes, int maxMergedOps, boolean durable) {
    public static final long DEFAULT_MAP_SIZE = 256L << 30;
    public static final int DEFAULT_MAX_MERGED_OPS = 1024;

    public StorageOptions {
        Objects.requireNonNull(path, "path");
        if (mapSizeBytes < (1 << 20)) {
            throw new IllegalArgumentException("mapSizeBytes must be at least 1 MiB");
        }
        if (maxMergedOps < 1) {
            throw new IllegalArgumentException("maxMergedOps must be positive");
        }
    }

    public static StorageOptions at(Path path) {
        return new StorageOptions(path, DEFAULT_MAP_SIZE, DEFAULT_MAX_MERGED_OPS, true);
    }

    public StorageOptions withMapSize(long bytes) {
        return new StorageOptions(path, bytes, maxMergedOps, durable);
    }

    public StorageOptions withDurable(boolean value) {
        return new StorageOptions(path, mapSizeBytes, maxMergedOps, value);
    }
}
