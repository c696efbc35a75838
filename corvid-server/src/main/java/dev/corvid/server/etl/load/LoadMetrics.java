package dev.corvid.server.etl.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a process's sink did to each destination table since the server started (rows written,
 * documents whose previous rows were deleted, time spent), and the statements that took longer
 * than {@link #SLOW_STATEMENT} (ETL.md §6.7: RavenDB's "slow SQL" warnings). Kept by the process's
 * statistics, so it survives the sink being re-created after a failure. Thread-safe: recorded by
 * the loading thread, read by HTTP.
 */
public final class LoadMetrics {
    /** A statement slower than this is recorded as a slow-statement warning. */
    public static final Duration SLOW_STATEMENT = Duration.ofSeconds(3);
    static final int KEPT_SLOW_STATEMENTS = 25;
    private static final int MAX_STATEMENT_LENGTH = 1_000;

    /** Totals for one table. */
    public record Table(long writtenRows, long deletedDocuments, long writeMs, long deleteMs, long batches) {
    }

    /** One slow statement: when it ended, how long it took, its text (abbreviated). */
    public record SlowStatement(Instant at, Duration duration, String table, String statement) {
    }

    /** One immutable copy of everything. */
    public record Snapshot(Map<String, Table> tables, List<SlowStatement> slowStatements) {
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Deque<SlowStatement> slow = new ArrayDeque<>();

    /** Adds one batch's work on {@code table}. */
    public synchronized void table(String table, long writtenRows, long deletedDocuments, Duration write, Duration delete) {
        Table before = tables.getOrDefault(table, new Table(0, 0, 0, 0, 0));
        tables.put(table, new Table(before.writtenRows() + writtenRows, before.deletedDocuments() + deletedDocuments,
                before.writeMs() + write.toMillis(), before.deleteMs() + delete.toMillis(), before.batches() + 1));
    }

    /**
     * Records {@code statement} as slow when {@code duration} exceeds {@link #SLOW_STATEMENT}.
     *
     * @return true when it was recorded
     */
    public synchronized boolean statement(Instant at, Duration duration, String table, String statement) {
        if (duration.compareTo(SLOW_STATEMENT) <= 0) {
            return false;
        }
        slow.addLast(new SlowStatement(at, duration, table, abbreviate(statement)));
        while (slow.size() > KEPT_SLOW_STATEMENTS) {
            slow.removeFirst();
        }
        return true;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(Collections.unmodifiableMap(new LinkedHashMap<>(tables)), List.copyOf(slow));
    }

    public synchronized void reset() {
        tables.clear();
        slow.clear();
    }

    private static String abbreviate(String statement) {
        return statement.length() <= MAX_STATEMENT_LENGTH ? statement : statement.substring(0, MAX_STATEMENT_LENGTH) + "…";
    }
}
