package dev.corvid.server.etl;

import dev.corvid.server.etl.process.EtlProcessRegistry;
import dev.corvid.server.etl.process.EtlStateStore;
import dev.corvid.server.etl.process.ProcessStatistics;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.DocumentStorage;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * ETL of one database: its definitions ({@link EtlManagement}), its running processes, and the
 * progress of each script as users see it (items left, lag in seconds).
 */
public final class DatabaseEtl implements AutoCloseable {
    /** Counting pending items stops here; beyond it the figure is an estimate. */
    static final long PENDING_COUNT_CAP = 1_000_000;

    private final String database;
    private final DocumentStorage storage;
    private final EtlManagement management;
    private final EtlProcessRegistry processes;
    private final Clock clock;

    public DatabaseEtl(String database, DocumentStorage storage, Clock clock) {
        this.database = database;
        this.storage = storage;
        this.clock = clock;
        this.management = new EtlManagement(storage);
        this.processes = new EtlProcessRegistry(database, storage, management.states(), clock);
        management.addListener(processes::reconcile);
        processes.reconcile(management.definitions());
    }

    public String database() {
        return database;
    }

    public EtlManagement management() {
        return management;
    }

    public EtlProcessRegistry processes() {
        return processes;
    }

    /** Where a script stands. {@code lag} is the age of the oldest change not yet loaded. */
    public record ScriptProgress(String taskName, String scriptName, boolean disabled, boolean running,
                                 long lastProcessedEtag, long documentsToProcess, long tombstonesToProcess,
                                 long totalDocuments, boolean estimated, Duration lag,
                                 Optional<ProcessStatistics.Snapshot> statistics) {
        public boolean completed() {
            return documentsToProcess == 0 && tombstonesToProcess == 0;
        }
    }

    public ScriptProgress progress(EtlTask task, Transformation script) {
        EtlStateStore.ProcessState state = management.states().load(task.name(), script.name());
        Optional<ProcessStatistics.Snapshot> stats = processes.statistics(task.name(), script.name()).map(ProcessStatistics::snapshot);
        long[] counts = new long[3];
        Instant[] oldest = new Instant[1];
        boolean[] estimated = {false};
        storage.read((ReadTxn r) -> {
            List<String> collections = script.applyToAllDocuments() ? List.of() : script.collections();
            for (Optional<String> collection : collections.isEmpty() ? List.of(Optional.<String>empty())
                    : collections.stream().map(Optional::of).toList()) {
                r.forEachChange(state.lastProcessedEtag(), collection, entry -> {
                    countPending(entry, counts, oldest);
                    if (counts[0] + counts[1] >= PENDING_COUNT_CAP) {
                        estimated[0] = true;
                        return false;
                    }
                    return true;
                });
                counts[2] += collection.map(c -> r.stats().documentsByCollection().entrySet().stream()
                                .filter(e -> e.getKey().equalsIgnoreCase(c)).mapToLong(e -> e.getValue()).sum())
                        .orElse(r.stats().documents());
            }
            return null;
        });
        Duration lag = oldest[0] == null ? Duration.ZERO : Duration.between(oldest[0], clock.instant());
        boolean disabled = task.disabled() || script.disabled();
        return new ScriptProgress(task.name(), script.name(), disabled, processes.isRunning(task.name(), script.name()),
                state.lastProcessedEtag(), counts[0], counts[1], counts[2], estimated[0],
                lag.isNegative() ? Duration.ZERO : lag, stats);
    }

    private static void countPending(ChangeEntry entry, long[] counts, Instant[] oldest) {
        Instant at = switch (entry) {
            case StoredDocument d -> {
                counts[0]++;
                yield d.lastModified();
            }
            case Tombstone t -> {
                counts[1]++;
                yield t.deletedAt();
            }
        };
        if (oldest[0] == null || at.isBefore(oldest[0])) {
            oldest[0] = at;
        }
    }

    @Override
    public void close() {
        processes.close();
    }
}
