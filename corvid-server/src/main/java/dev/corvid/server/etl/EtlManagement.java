package dev.corvid.server.etl;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.etl.process.EtlStateStore;
import dev.corvid.server.etl.transform.EtlScript;
import dev.corvid.server.etl.transform.ScriptKind;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.DocumentStorage;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.WriteTxn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Connection strings and ETL tasks of one database: validated in one place, stored durably in the
 * database, and announced to the process registry, which starts and stops processes to match.
 * The same service backs HTTP, the CLI and the Studio. Thread-safe.
 */
public final class EtlManagement {
    static final String DEFINITIONS_KEY = "etl/definitions";

    private final DocumentStorage storage;
    private final EtlStateStore states;
    private final List<Consumer<EtlDefinitions>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile EtlDefinitions definitions;

    public EtlManagement(DocumentStorage storage) {
        this.storage = storage;
        this.states = new EtlStateStore(storage);
        this.definitions = storage.read((ReadTxn r) -> r.systemValue(DEFINITIONS_KEY))
                .map(bytes -> EtlJson.read(Json.parseStored(bytes), EtlDefinitions.class, "stored ETL definitions"))
                .orElse(EtlDefinitions.empty());
    }

    public EtlDefinitions definitions() {
        return definitions;
    }

    public EtlStateStore states() {
        return states;
    }

    /** Called after every change, with the new definitions. */
    public void addListener(Consumer<EtlDefinitions> listener) {
        listeners.add(listener);
    }

    public synchronized void putConnectionString(ConnectionString connectionString) {
        List<String> errors = connectionString.validate();
        if (!errors.isEmpty()) {
            throw CorvidException.badRequest("Invalid connection string configuration. Errors: " + String.join("\n", errors));
        }
        store(definitions.withConnectionString(connectionString));
        announce();
    }

    public synchronized void removeConnectionString(String name, String type) {
        if (name == null || name.isBlank()) {
            throw CorvidException.badRequest("Query string parameter 'connectionString' is missing.");
        }
        for (EtlConfiguration task : definitions.ravenEtls()) {
            if (type.equalsIgnoreCase("Raven") && task.connectionStringName().equalsIgnoreCase(name)) {
                throw CorvidException.badRequest("Can't delete connection string: " + name + ". It is used by task: " + task.name());
            }
        }
        store(definitions.withoutConnectionString(name, type));
        announce();
    }

    /**
     * Adds a task ({@code existingId} empty) or replaces one. Returns the stored configuration with
     * its task id. Scripts named in {@code resetScripts} start over from the first document.
     */
    public synchronized EtlConfiguration putTask(Optional<Long> existingId, EtlConfiguration requested, List<String> resetScripts) {
        long taskId;
        if (existingId.isPresent()) {
            taskId = existingId.get();
            if (definitions.task(taskId).isEmpty()) {
                throw new CorvidException(ErrorCode.BAD_REQUEST, "There is no ETL task with id " + taskId + ".");
            }
        } else {
            taskId = definitions.lastTaskId() + 1;
        }
        EtlConfiguration task = requested.withTaskId(taskId);
        validate(task);
        EtlConfiguration previous = definitions.task(taskId).orElse(null);
        store(definitions.withTask(task));
        if (previous != null && !previous.name().equalsIgnoreCase(task.name())) {
            previous.transforms().forEach(t -> states.delete(previous.name(), t.name()));
        }
        resetScripts.forEach(script -> states.delete(task.name(), script));
        announce();
        return task;
    }

    private void validate(EtlConfiguration task) {
        List<String> errors = new ArrayList<>();
        if (task.etlType() != null && !task.etlType().equalsIgnoreCase("Raven")) {
            errors.add("Unknown ETL type: " + task.etlType() + " (this endpoint stores Raven ETL tasks)");
        }
        if (task.name() == null || task.name().isBlank()) {
            errors.add("Name of ETL configuration cannot be empty");
        } else {
            definitions.task(task.name()).filter(other -> other.taskId() != task.taskId())
                    .ifPresent(other -> errors.add("ETL with name '" + task.name() + "' is already defined"));
        }
        if (task.connectionStringName() == null || task.connectionStringName().isBlank()) {
            errors.add("ConnectionStringName cannot be empty");
        } else if (definitions.ravenConnectionString(task.connectionStringName()).isEmpty()) {
            errors.add("Connection string named '" + task.connectionStringName() + "' was not found for Raven ETL");
        }
        if (task.transforms().isEmpty()) {
            errors.add("'Transforms' list cannot be empty.");
        }
        Set<String> names = new HashSet<>();
        for (Transformation t : task.transforms()) {
            if (t.name() == null || t.name().isBlank()) {
                errors.add("Script name cannot be empty");
                continue;
            }
            if (!names.add(t.name().toLowerCase(Locale.ROOT))) {
                errors.add("Script name '" + t.name() + "' name is already defined. The script names need to be unique");
            }
            if (t.applyToAllDocuments() && !t.collections().isEmpty()) {
                errors.add("Collections cannot be specified when ApplyToAllDocuments is set. Script name: '" + t.name() + "'");
            }
            if (!t.applyToAllDocuments() && t.collections().stream().allMatch(c -> c == null || c.isBlank())) {
                errors.add("Collections need be specified or ApplyToAllDocuments has to be set. Script name: '" + t.name() + "'");
            }
            errors.addAll(EtlScript.validate(t.name(), t.script(), ScriptKind.RAVEN));
        }
        if (!errors.isEmpty()) {
            throw CorvidException.badRequest(String.join("; ", errors));
        }
    }

    /** Forgets the progress of one script so it starts again from the first document. */
    public synchronized void reset(String taskName, String transformationName) {
        EtlConfiguration task = definitions.task(taskName).orElseThrow(() ->
                CorvidException.badRequest("There is no ETL task named '" + taskName + "'."));
        boolean known = task.transforms().stream().anyMatch(t -> t.name().equalsIgnoreCase(transformationName));
        if (!known) {
            throw CorvidException.badRequest("ETL task '" + taskName + "' has no script named '" + transformationName + "'.");
        }
        states.delete(task.name(), transformationName);
        announce();
    }

    public synchronized EtlConfiguration setDisabled(long taskId, boolean disabled) {
        EtlConfiguration task = requireTask(taskId);
        EtlConfiguration changed = task.withDisabled(disabled);
        store(definitions.withTask(changed));
        announce();
        return changed;
    }

    public synchronized void deleteTask(long taskId) {
        EtlConfiguration task = requireTask(taskId);
        store(definitions.withoutTask(taskId));
        task.transforms().forEach(t -> states.delete(task.name(), t.name()));
        announce();
    }

    public EtlConfiguration requireTask(long taskId) {
        return definitions.task(taskId).orElseThrow(() ->
                new CorvidException(ErrorCode.BAD_REQUEST, "There is no ETL task with id " + taskId + "."));
    }

    private void store(EtlDefinitions changed) {
        byte[] json = Json.toBytes(EtlJson.write(changed));
        storage.write((WriteTxn w) -> {
            w.putSystemValue(DEFINITIONS_KEY, json);
            return null;
        });
        definitions = changed;
    }

    private void announce() {
        EtlDefinitions current = definitions;
        listeners.forEach(l -> l.accept(current));
    }
}
