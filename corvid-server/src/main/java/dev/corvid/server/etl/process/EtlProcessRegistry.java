package dev.corvid.server.etl.process;

import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.EtlConfiguration;
import dev.corvid.server.etl.EtlDefinitions;
import dev.corvid.server.etl.EtlJson;
import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTask;
import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.load.raven.RavenEtlProvider;
import dev.corvid.server.etl.load.sql.SqlEtlProvider;
import dev.corvid.server.storage.DocumentStorage;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ETL processes of one database, kept in line with its definitions: a process per enabled
 * (task, script); any change to a task, its scripts or its connection string restarts that task's
 * processes. Commits in the source wake every process. Thread-safe.
 */
public final class EtlProcessRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EtlProcessRegistry.class);

    private record Running(String fingerprint, EtlProcess<?> process) {
    }

    private final String database;
    private final DocumentStorage storage;
    private final EtlStateStore states;
    private final Clock clock;
    private final Map<String, Running> processes = new HashMap<>();
    private final Map<String, ProcessStatistics> statistics = new HashMap<>();
    private boolean closed;
    /** Read without the lock: commit listeners run on the writer thread and must never wait for it. */
    private volatile List<EtlProcess<?>> wakeList = List.of();

    public EtlProcessRegistry(String database, DocumentStorage storage, EtlStateStore states, Clock clock) {
        this.database = database;
        this.storage = storage;
        this.states = states;
        this.clock = clock;
        storage.addCommitListener(etag -> wakeAll());
    }

    static String key(String taskName, String scriptName) {
        return taskName.toLowerCase(Locale.ROOT) + "/" + scriptName.toLowerCase(Locale.ROOT);
    }

    /** Starts, restarts and stops processes so that exactly the enabled scripts run. */
    public synchronized void reconcile(EtlDefinitions definitions) {
        if (closed) {
            return;
        }
        Map<String, String> wanted = new HashMap<>();
        Map<String, Runnable> starters = new HashMap<>();
        for (EtlConfiguration task : definitions.ravenEtls()) {
            Optional<ConnectionString.Raven> cs = definitions.ravenConnectionString(task.connectionStringName());
            if (task.disabled() || cs.isEmpty()) {
                continue;
            }
            for (Transformation script : task.transforms()) {
                if (script.disabled()) {
                    continue;
                }
                String key = key(task.name(), script.name());
                String fingerprint = EtlJson.write(task).toString() + EtlJson.write(cs.get());
                wanted.put(key, fingerprint);
                starters.put(key, () -> start(key, fingerprint, task, script, new RavenEtlProvider(task, cs.get())));
            }
        }
        for (SqlEtlConfiguration task : definitions.sqlEtls()) {
            Optional<ConnectionString.Sql> cs = definitions.sqlConnectionString(task.connectionStringName());
            if (task.disabled() || cs.isEmpty()) {
                continue;
            }
            for (Transformation script : task.transforms()) {
                if (script.disabled()) {
                    continue;
                }
                String key = key(task.name(), script.name());
                String fingerprint = EtlJson.write(task).toString() + EtlJson.write(cs.get());
                wanted.put(key, fingerprint);
                starters.put(key, () -> start(key, fingerprint, task, script,
                        new SqlEtlProvider(task, cs.get(), script.name(), databaseId(), database)));
            }
        }
        for (var it = processes.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().fingerprint().equals(wanted.get(entry.getKey()))) {
                LOG.info("stopping ETL process {} of {} (configuration changed)", entry.getKey(), database);
                entry.getValue().process().stop();
                it.remove();
            }
        }
        wanted.keySet().stream().filter(k -> !processes.containsKey(k)).forEach(k -> starters.get(k).run());
        statistics.keySet().removeIf(k -> !wanted.containsKey(k) && !isKnown(definitions, k));
        wakeList = processes.values().stream().<EtlProcess<?>>map(Running::process).toList();
        wakeAll();
    }

    private String databaseId() {
        return storage.read((dev.corvid.server.storage.ReadTxn r) -> r.databaseId());
    }

    private static boolean isKnown(EtlDefinitions definitions, String key) {
        return definitions.tasks().stream().anyMatch(t -> t.transforms().stream().anyMatch(s -> key(t.name(), s.name()).equals(key)));
    }

    private <T> void start(String key, String fingerprint, EtlTask task, Transformation script, EtlProvider<T> provider) {
        ProcessStatistics stats = new ProcessStatistics();
        statistics.put(key, stats);
        EtlProcess<T> process = new EtlProcess<>(database, task.name(), script, provider, storage, states,
                task.batchSettings(), clock, stats);
        processes.put(key, new Running(fingerprint, process));
        process.start();
    }

    /** The statistics of a script's process, if it ran since the server started. */
    public synchronized Optional<ProcessStatistics> statistics(String taskName, String scriptName) {
        return Optional.ofNullable(statistics.get(key(taskName, scriptName)));
    }

    public synchronized boolean isRunning(String taskName, String scriptName) {
        return processes.containsKey(key(taskName, scriptName));
    }

    public void wakeAll() {
        wakeList.forEach(EtlProcess::changed);
    }

    @Override
    public synchronized void close() {
        closed = true;
        wakeList = List.of();
        processes.values().forEach(r -> r.process().stop());
        processes.clear();
    }
}
