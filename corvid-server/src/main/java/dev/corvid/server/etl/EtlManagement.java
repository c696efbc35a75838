package dev.corvid.server.etl;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.etl.load.sql.SqlConnectionSettings;
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
    /** Task and script names key the checkpoint row in the target (VARCHAR(128) columns). */
    static final int MAX_SQL_NAME_LENGTH = 128;

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

    /**
     * Adds or replaces a connection string. An SQL connection string must translate to a JDBC
     * connection (a supported {@code FactoryName} or JDBC URL); one sent back with its password masked
     * (as GET shows it) keeps the stored password.
     */
    public synchronized void putConnectionString(ConnectionString connectionString) {
        if (connectionString instanceof ConnectionString.Sql sql) {
            Optional<ConnectionString.Sql> stored = sql.name() == null ? Optional.empty() : definitions.sqlConnectionString(sql.name());
            if (stored.isPresent()) {
                connectionString = new ConnectionString.Sql(sql.name(),
                        SqlConnectionSettings.restoreMaskedPassword(sql.connectionString(), stored.get().connectionString()),
                        sql.factoryName());
            }
        }
        List<String> errors = new ArrayList<>(connectionString.validate());
        if (errors.isEmpty() && connectionString instanceof ConnectionString.Sql sql) {
            try {
                SqlConnectionSettings.parse(sql.factoryName(), sql.connectionString());
            } catch (CorvidException e) {
                errors.add(e.getMessage());
            }
        }
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
        for (EtlTask task : definitions.tasks()) {
            if (type.equalsIgnoreCase(task.kind()) && name.equalsIgnoreCase(task.connectionStringName())) {
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
    public synchronized EtlTask putTask(Optional<Long> existingId, EtlTask requested, List<String> resetScripts) {
        long taskId;
        if (existingId.isPresent()) {
            taskId = existingId.get();
            Optional<EtlTask> existing = definitions.task(taskId);
            if (existing.isEmpty() || !existing.get().kind().equals(requested.kind())) {
                throw new CorvidException(ErrorCode.BAD_REQUEST, "There is no " + requested.kind() + " ETL task with id " + taskId + ".");
            }
        } else {
            taskId = definitions.lastTaskId() + 1;
        }
        EtlTask task = requested.withTaskId(taskId);
        validate(task);
        EtlTask previous = definitions.task(taskId).orElse(null);
        store(definitions.withTask(task));
        if (previous != null && !previous.name().equalsIgnoreCase(task.name())) {
            previous.transforms().forEach(t -> states.delete(previous.name(), t.name()));
        }
        resetScripts.forEach(script -> states.delete(task.name(), script));
        announce();
        return task;
    }

    private void validate(EtlTask task) {
        List<String> errors = new ArrayList<>();
        if (task instanceof EtlConfiguration raven && raven.etlType() != null && !raven.etlType().equalsIgnoreCase("Raven")) {
            errors.add("Unknown ETL type: " + raven.etlType());
        }
        if (task.name() == null || task.name().isBlank()) {
            errors.add("Name of ETL configuration cannot be empty");
        } else {
            definitions.task(task.name()).filter(other -> other.taskId() != task.taskId())
                    .ifPresent(other -> errors.add("ETL with name '" + task.name() + "' is already defined"));
        }
        if (task.connectionStringName() == null || task.connectionStringName().isBlank()) {
            errors.add("ConnectionStringName cannot be empty");
        } else if (!connectionStringExists(task)) {
            errors.add("Connection string named '" + task.connectionStringName() + "' was not found for " + task.kind() + " ETL");
        }
        if (task.transforms().isEmpty()) {
            errors.add("'Transforms' list cannot be empty.");
        }
        ScriptKind kind = task instanceof SqlEtlConfiguration ? ScriptKind.SQL : ScriptKind.RAVEN;
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
            errors.addAll(EtlScript.validate(t.name(), t.script(), kind));
        }
        if (task instanceof SqlEtlConfiguration sql) {
            errors.addAll(validateSql(sql));
        }
        if (!errors.isEmpty()) {
            throw CorvidException.badRequest(String.join("; ", errors));
        }
    }

    /** The SQL-specific rules: tables, and names that fit the checkpoint table's key. */
    private static List<String> validateSql(SqlEtlConfiguration task) {
        List<String> errors = new ArrayList<>();
        if (task.sqlTables().isEmpty()) {
            errors.add("SqlTables cannot be empty");
        }
        Set<String> tables = new HashSet<>();
        for (SqlEtlTable table : task.sqlTables()) {
            if (table.tableName() == null || table.tableName().isBlank()) {
                errors.add("Table name cannot be empty");
                continue;
            }
            if (!tables.add(table.tableName().toLowerCase(Locale.ROOT))) {
                errors.add("Table '" + table.tableName() + "' is defined more than once in SqlTables");
            }
            if (table.documentIdColumn() == null || table.documentIdColumn().isBlank()) {
                errors.add("DocumentIdColumn cannot be empty. Table: '" + table.tableName() + "'");
            }
        }
        if (task.name() != null && task.name().length() > MAX_SQL_NAME_LENGTH) {
            errors.add("The name of an SQL ETL task can have at most " + MAX_SQL_NAME_LENGTH
                    + " characters (it keys the task's checkpoint in the target's corvid_etl_state table)");
        }
        for (Transformation t : task.transforms()) {
            if (t.name() != null && t.name().length() > MAX_SQL_NAME_LENGTH) {
                errors.add("Script name '" + t.name() + "' is longer than " + MAX_SQL_NAME_LENGTH + " characters");
            }
        }
        if (task.commandTimeout() != null && task.commandTimeout() < 0) {
            errors.add("CommandTimeout cannot be negative");
        }
        return errors;
    }

    private boolean connectionStringExists(EtlTask task) {
        return switch (task) {
            case EtlConfiguration raven -> definitions.ravenConnectionString(raven.connectionStringName()).isPresent();
            case SqlEtlConfiguration sql -> definitions.sqlConnectionString(sql.connectionStringName()).isPresent();
        };
    }

    /** Forgets the progress of one script so it starts again from the first document. */
    public synchronized void reset(String taskName, String transformationName) {
        EtlTask task = definitions.task(taskName).orElseThrow(() ->
                CorvidException.badRequest("There is no ETL task named '" + taskName + "'."));
        boolean known = task.transforms().stream().anyMatch(t -> t.name().equalsIgnoreCase(transformationName));
        if (!known) {
            throw CorvidException.badRequest("ETL task '" + taskName + "' has no script named '" + transformationName + "'.");
        }
        states.delete(task.name(), transformationName);
        announce();
    }

    public synchronized EtlTask setDisabled(long taskId, boolean disabled) {
        EtlTask task = requireTask(taskId);
        EtlTask changed = task.withDisabled(disabled);
        store(definitions.withTask(changed));
        announce();
        return changed;
    }

    public synchronized void deleteTask(long taskId) {
        EtlTask task = requireTask(taskId);
        store(definitions.withoutTask(taskId));
        task.transforms().forEach(t -> states.delete(task.name(), t.name()));
        announce();
    }

    public EtlTask requireTask(long taskId) {
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
