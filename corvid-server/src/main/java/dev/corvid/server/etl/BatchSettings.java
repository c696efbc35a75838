package dev.corvid.server.etl;

/**
 * Limits of one ETL batch (a Corvid extension of the task JSON; RavenDB's defaults otherwise).
 * Zero or negative values mean "use the default".
 */
public record BatchSettings(int maxItems, long maxBytes, int maxSeconds) {
    public static final int DEFAULT_MAX_ITEMS = 8192;
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_SECONDS = 30;

    public static BatchSettings defaults() {
        return new BatchSettings(DEFAULT_MAX_ITEMS, DEFAULT_MAX_BYTES, DEFAULT_MAX_SECONDS);
    }

    public BatchSettings effective() {
        return new BatchSettings(maxItems > 0 ? maxItems : DEFAULT_MAX_ITEMS,
                maxBytes > 0 ? maxBytes : DEFAULT_MAX_BYTES,
                maxSeconds > 0 ? maxSeconds : DEFAULT_MAX_SECONDS);
    }
}
