package dev.corvid.server.http.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.Database;
import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.DatabaseEtl;
import dev.corvid.server.etl.EtlConfiguration;
import dev.corvid.server.etl.EtlDefinitions;
import dev.corvid.server.etl.EtlJson;
import dev.corvid.server.etl.EtlServices;
import dev.corvid.server.etl.EtlTask;
import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.load.raven.RavenEtlProvider;
import dev.corvid.server.etl.load.sql.SqlConnectionSettings;
import dev.corvid.server.etl.load.sql.SqlConnections;
import dev.corvid.server.etl.load.sql.SqlEtlProvider;
import dev.corvid.server.etl.load.sql.dialect.SqlCommand;
import dev.corvid.server.etl.process.BatchReport;
import dev.corvid.server.etl.process.ProcessStatistics;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.Tombstone;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Connection strings, ETL tasks, their state and statistics (PROTOCOL.md §11, ETL.md §2). */
public final class EtlRoutes {
    private final EtlServices etl;
    private final Supplier<String> serverUrl;

    public EtlRoutes(EtlServices etl, Supplier<String> serverUrl) {
        this.etl = etl;
        this.serverUrl = serverUrl;
    }

    public void register(Router router) {
        router.database("PUT", "/admin/connection-strings", this::putConnectionString)
                .database("GET", "/admin/connection-strings", this::getConnectionStrings)
                .database("DELETE", "/admin/connection-strings", this::removeConnectionString)
                .database("PUT", "/admin/etl", this::putTask)
                .database("RESET", "/admin/etl", this::reset)
                .database("POST", "/admin/tasks/state", this::toggle)
                .database("DELETE", "/admin/tasks", this::deleteTask)
                .database("GET", "/task", this::taskInfo)
                .database("GET", "/tasks", this::tasks)
                .database("GET", "/etl/progress", this::progress)
                .database("GET", "/etl/stats", this::progress)
                .database("GET", "/etl/performance", this::performance)
                .database("GET", "/etl/debug/stats", this::debugStats)
                .database("GET", "/etl/errors", this::errors)
                .database("POST", "/admin/etl/raven/test", this::test)
                .database("POST", "/admin/etl/sql/test", this::testSql)
                .database("POST", "/admin/etl/sql/test-connection", this::testSqlConnection);
    }

    private DatabaseEtl of(Database db) {
        return etl.of(db);
    }

    private static ObjectNode raftIndex() {
        ObjectNode body = Json.object();
        body.put("RaftCommandIndex", System.nanoTime() & 0xFFFFFFFL);
        return body;
    }

    private void putConnectionString(Exchange ex, Database db) throws Exception {
        ObjectNode body = ex.jsonObjectBody();
        String type = body.path("Type").asText("");
        ConnectionString cs = switch (type) {
            case "Raven" -> EtlJson.read(body, ConnectionString.Raven.class, "Raven connection string");
            case "Sql" -> EtlJson.read(body, ConnectionString.Sql.class, "SQL connection string");
            case "" -> throw CorvidException.badRequest("Connection string must have a Type (Raven or Sql).");
            default -> throw CorvidException.badRequest("Connection string Type '" + type + "' is not supported; use Raven or Sql.");
        };
        of(db).management().putConnectionString(cs);
        ex.json(200, raftIndex());
    }

    private void getConnectionStrings(Exchange ex, Database db) throws Exception {
        EtlDefinitions definitions = of(db).management().definitions();
        Optional<String> name = ex.param("connectionStringName").filter(n -> !n.isEmpty());
        Optional<String> type = ex.param("type").filter(t -> !t.isEmpty());
        ObjectNode body = Json.object();
        ObjectNode raven = body.putObject("RavenConnectionStrings");
        ObjectNode sql = body.putObject("SqlConnectionStrings");
        body.putObject("OlapConnectionStrings");
        body.putObject("ElasticSearchConnectionStrings");
        body.putObject("QueueConnectionStrings");
        if (type.isEmpty() || type.get().equalsIgnoreCase("Raven")) {
            definitions.ravenConnectionStrings().values().stream()
                    .filter(c -> name.isEmpty() || c.name().equalsIgnoreCase(name.get()))
                    .forEach(c -> raven.set(c.name(), connectionStringJson(c)));
        }
        if (type.isEmpty() || type.get().equalsIgnoreCase("Sql")) {
            definitions.sqlConnectionStrings().values().stream()
                    .filter(c -> name.isEmpty() || c.name().equalsIgnoreCase(name.get()))
                    .forEach(c -> sql.set(c.name(), connectionStringJson(c)));
        }
        ex.json(200, body);
    }

    /** A connection string as GET and the database record show it: SQL passwords masked. */
    static ObjectNode connectionStringJson(ConnectionString cs) {
        ObjectNode json = EtlJson.write(cs);
        json.put("Type", cs.type());
        if (cs instanceof ConnectionString.Sql) {
            json.put("ConnectionString", SqlConnectionSettings.mask(json.path("ConnectionString").asText(null)));
        }
        return json;
    }

    private void removeConnectionString(Exchange ex, Database db) throws Exception {
        of(db).management().removeConnectionString(ex.requiredParam("connectionString"), ex.param("type").orElse("Raven"));
        ex.json(200, raftIndex());
    }

    private void putTask(Exchange ex, Database db) throws Exception {
        ObjectNode body = ex.jsonObjectBody();
        String type = body.path("EtlType").asText("");
        if (type.isEmpty()) {
            throw CorvidException.badRequest("ETL configuration must have EtlType field");
        }
        EtlTask requested;
        if (type.equalsIgnoreCase("Raven")) {
            requested = EtlJson.read(body, EtlConfiguration.class, "ETL configuration");
        } else if (type.equalsIgnoreCase("Sql")) {
            requested = EtlJson.read(body, SqlEtlConfiguration.class, "SQL ETL configuration");
        } else {
            throw CorvidException.badRequest("Unknown ETL type: " + type + ". Corvid has Raven and Sql ETL.");
        }
        Optional<Long> id = ex.param("id").filter(s -> !s.isEmpty()).map(s -> ex.longParam("id", 0));
        EtlTask stored = of(db).management().putTask(id, requested, ex.params("reset"));
        ObjectNode response = raftIndex();
        response.put("TaskId", stored.taskId());
        ex.json(200, response);
    }

    private void reset(Exchange ex, Database db) throws Exception {
        of(db).management().reset(ex.requiredParam("configurationName"), ex.requiredParam("transformationName"));
        ex.empty(204);
    }

    private static long taskKey(Exchange ex, DatabaseEtl etl, String keyParam) {
        Optional<String> byName = ex.param("taskName").filter(n -> !n.isEmpty());
        if (ex.param(keyParam).filter(k -> !k.isEmpty()).isEmpty() && byName.isPresent()) {
            return etl.management().definitions().task(byName.get()).map(EtlTask::taskId)
                    .orElseThrow(() -> CorvidException.badRequest("There is no ETL task named '" + byName.get() + "'."));
        }
        return ex.longParam(keyParam, -1);
    }

    private static void requireEtlType(Exchange ex) {
        String type = ex.param("type").orElse("RavenEtl");
        if (!type.equalsIgnoreCase("RavenEtl") && !type.equalsIgnoreCase("SqlEtl")) {
            throw CorvidException.badRequest("Task type '" + type + "' is not supported; Corvid has RavenEtl and SqlEtl tasks.");
        }
    }

    private void toggle(Exchange ex, Database db) throws Exception {
        requireEtlType(ex);
        DatabaseEtl etl = of(db);
        long id = taskKey(ex, etl, "key");
        boolean disable = ex.param("disable").map(v -> v.isEmpty() || Boolean.parseBoolean(v)).orElse(true);
        etl.management().setDisabled(id, disable);
        ObjectNode body = raftIndex();
        body.put("TaskId", id);
        body.put("ResponsibleNode", ServerRoutes.NODE_TAG);
        ex.json(200, body);
    }

    private void deleteTask(Exchange ex, Database db) throws Exception {
        requireEtlType(ex);
        DatabaseEtl etl = of(db);
        long id = taskKey(ex, etl, "id");
        etl.management().deleteTask(id);
        ObjectNode body = raftIndex();
        body.put("TaskId", id);
        body.putNull("ResponsibleNode");
        ex.json(200, body);
    }

    private void taskInfo(Exchange ex, Database db) throws Exception {
        DatabaseEtl etl = of(db);
        String type = ex.param("type").orElse("RavenEtl");
        Optional<EtlTask> task = ex.param("key").filter(k -> !k.isEmpty()).isPresent()
                ? etl.management().definitions().task(ex.longParam("key", -1))
                : ex.param("taskName").flatMap(n -> etl.management().definitions().task(n));
        if (task.isEmpty() || !type.equalsIgnoreCase(task.get().ongoingTaskType())) {
            ex.empty(404);
            return;
        }
        ex.json(200, taskJson(etl, task.get()));
    }

    private void tasks(Exchange ex, Database db) throws Exception {
        DatabaseEtl etl = of(db);
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("OngoingTasksList");
        etl.management().definitions().tasks().forEach(t -> list.add(taskJson(etl, t)));
        body.put("SubscriptionsCount", 0);
        body.putArray("PullReplications");
        ex.json(200, body);
    }

    private ObjectNode taskJson(DatabaseEtl etl, EtlTask task) {
        ObjectNode json = Json.object();
        json.put("TaskId", task.taskId());
        json.put("TaskType", task.ongoingTaskType());
        json.put("TaskName", task.name());
        json.put("TaskState", task.taskState());
        ObjectNode node = json.putObject("ResponsibleNode");
        node.put("NodeTag", ServerRoutes.NODE_TAG);
        node.put("NodeUrl", serverUrl.get());
        node.put("ResponsibleNode", ServerRoutes.NODE_TAG);
        json.putNull("MentorNode");
        json.put("PinToMentorNode", task.pinToMentorNode());
        String connectionStatus = "Active";
        String error = null;
        long errorCount = 0;
        ArrayNode scripts = json.putArray("Scripts");
        for (Transformation script : task.transforms()) {
            DatabaseEtl.ScriptProgress progress = etl.progress(task, script);
            ObjectNode s = scripts.addObject();
            s.put("Name", script.name());
            s.put("Disabled", progress.disabled());
            s.put("LastProcessedEtag", progress.lastProcessedEtag());
            s.put("DocumentsToProcess", progress.documentsToProcess());
            s.put("TombstonesToProcess", progress.tombstonesToProcess());
            s.put("LagInSeconds", progress.lag().toMillis() / 1000.0);
            if (progress.statistics().isPresent()) {
                ProcessStatistics.Snapshot stats = progress.statistics().get();
                s.put("Status", stats.status().name());
                s.put("ScriptErrors", stats.scriptErrors());
                s.put("LoadErrors", stats.loadErrors());
                stats.lastError().ifPresent(e -> s.put("LastError", e));
                stats.nextAttemptAt().ifPresent(t -> s.put("NextAttemptAt", Json.formatDate(t)));
                errorCount += stats.scriptErrors() + stats.loadErrors();
                if (stats.lastError().isPresent()) {
                    error = stats.lastError().get();
                    connectionStatus = stats.nextAttemptAt().isPresent() ? "Reconnect" : "NotActive";
                }
                if (error == null && !stats.errors().isEmpty()) {
                    ProcessStatistics.ErrorEntry last = stats.errors().get(0);
                    error = "Script error for '" + last.documentId() + "': " + last.message();
                }
                stats.destination().ifPresent(d -> json.put("DestinationUrl", d));
            } else {
                s.put("Status", progress.disabled() ? "DISABLED" : "STOPPED");
            }
        }
        if (!"Enabled".equals(task.taskState()) && !"PartiallyEnabled".equals(task.taskState())) {
            connectionStatus = "NotActive";
        }
        json.put("TaskConnectionStatus", connectionStatus);
        json.put("Error", error);
        json.put("ErrorCount", errorCount);
        switch (task) {
            case EtlConfiguration raven -> ravenDestination(etl, raven, json);
            case SqlEtlConfiguration sql -> sqlDestination(etl, sql, json);
        }
        return json;
    }

    private static void ravenDestination(DatabaseEtl etl, EtlConfiguration task, ObjectNode json) {
        ConnectionString.Raven cs = etl.management().definitions().ravenConnectionString(task.connectionStringName()).orElse(null);
        if (!json.has("DestinationUrl")) {
            json.set("DestinationUrl", cs == null || cs.topologyDiscoveryUrls().isEmpty() ? Json.NODES.nullNode()
                    : Json.NODES.textNode(cs.topologyDiscoveryUrls().get(0)));
        }
        json.put("DestinationDatabase", cs == null ? null : cs.database());
        json.put("ConnectionStringName", task.connectionStringName());
        ArrayNode urls = json.putArray("TopologyDiscoveryUrls");
        if (cs != null) {
            cs.topologyDiscoveryUrls().forEach(urls::add);
        }
        json.set("Configuration", EtlJson.write(task));
    }

    /**
     * RavenDB's {@code OngoingTaskSqlEtl} fields. The configuration carries its connection string with
     * the password masked.
     */
    private static void sqlDestination(DatabaseEtl etl, SqlEtlConfiguration task, ObjectNode json) {
        json.remove("DestinationUrl");
        Optional<ConnectionString.Sql> cs = etl.management().definitions().sqlConnectionString(task.connectionStringName());
        Optional<SqlConnectionSettings> settings = cs.flatMap(c -> {
            try {
                return Optional.of(SqlConnectionSettings.parse(c.factoryName(), c.connectionString()));
            } catch (CorvidException invalid) {
                return Optional.empty();
            }
        });
        json.put("DestinationServer", settings.map(SqlConnectionSettings::server).orElse(null));
        json.put("DestinationDatabase", settings.map(SqlConnectionSettings::database).orElse(null));
        json.put("ConnectionStringDefined", cs.isPresent());
        json.put("ConnectionStringName", task.connectionStringName());
        ObjectNode configuration = EtlJson.write(task);
        cs.ifPresent(c -> configuration.set("Connection", connectionStringJson(c)));
        json.set("Configuration", configuration);
    }

    private List<EtlTask> selected(Exchange ex, DatabaseEtl etl) {
        List<String> names = ex.params("name").stream().filter(n -> !n.isEmpty()).toList();
        return etl.management().definitions().tasks().stream()
                .filter(t -> names.isEmpty() || names.stream().anyMatch(n -> n.equalsIgnoreCase(t.name())))
                .toList();
    }

    private void progress(Exchange ex, Database db) throws Exception {
        DatabaseEtl etl = of(db);
        ObjectNode body = Json.object();
        ArrayNode results = body.putArray("Results");
        for (EtlTask task : selected(ex, etl)) {
            ObjectNode t = results.addObject();
            t.put("TaskName", task.name());
            t.put("EtlType", task.kind());
            ArrayNode processes = t.putArray("ProcessesProgress");
            for (Transformation script : task.transforms()) {
                DatabaseEtl.ScriptProgress p = etl.progress(task, script);
                ObjectNode json = processes.addObject();
                json.put("TransformationName", script.name());
                json.put("Completed", p.completed());
                json.put("Disabled", p.disabled());
                json.put("Estimated", p.estimated());
                json.put("NumberOfDocumentsToProcess", p.documentsToProcess());
                json.put("TotalNumberOfDocuments", p.totalDocuments());
                json.put("NumberOfDocumentTombstonesToProcess", p.tombstonesToProcess());
                json.put("LastProcessedEtag", p.lastProcessedEtag());
                json.put("LagInSeconds", p.lag().toMillis() / 1000.0);
                p.statistics().ifPresent(s -> {
                    json.put("Status", s.status().name());
                    json.put("ExtractedItems", s.extracted());
                    json.put("LoadedItems", s.loaded());
                    json.put("FilteredOutItems", s.filteredOut());
                    json.put("ScriptErrors", s.scriptErrors());
                    json.put("LoadErrors", s.loadErrors());
                    s.lastBatchAt().ifPresent(at -> json.put("LastBatchAt", Json.formatDate(at)));
                    s.lastSuccessAt().ifPresent(at -> json.put("LastSuccessAt", Json.formatDate(at)));
                    s.lastError().ifPresent(e -> json.put("LastError", e));
                    s.nextAttemptAt().ifPresent(at -> json.put("NextAttemptAt", Json.formatDate(at)));
                });
            }
        }
        ex.json(200, body);
    }

    private void performance(Exchange ex, Database db) throws Exception {
        perProcess(ex, db, (process, stats) -> {
            ArrayNode batches = process.putArray("Performance");
            stats.ifPresent(s -> s.snapshot().batches().forEach(r -> batches.add(batchJson(r))));
        });
    }

    /**
     * Per process: the counters of {@code /etl/progress} and what its sink did per destination table
     * (rows written, documents whose rows were deleted, time spent) and its slow statements.
     */
    private void debugStats(Exchange ex, Database db) throws Exception {
        perProcess(ex, db, (process, stats) -> {
            process.put("Name", process.path("TaskName").asText() + "/" + process.path("TransformationName").asText());
            ObjectNode statistics = process.putObject("Statistics");
            ObjectNode metrics = process.putObject("Metrics");
            ObjectNode tables = metrics.putObject("Tables");
            ArrayNode slow = metrics.putArray("SlowSqlWarnings");
            stats.ifPresent(processStatistics -> {
                ProcessStatistics.Snapshot s = processStatistics.snapshot();
                statistics.put("Status", s.status().name());
                statistics.put("LastProcessedEtag", s.lastProcessedEtag());
                statistics.put("ExtractedItems", s.extracted());
                statistics.put("LoadedItems", s.loaded());
                statistics.put("FilteredOutItems", s.filteredOut());
                statistics.put("ScriptErrors", s.scriptErrors());
                statistics.put("LoadErrors", s.loadErrors());
                LoadMetrics.Snapshot load = processStatistics.loadMetrics().snapshot();
                load.tables().forEach((name, table) -> tables.putObject(name)
                        .put("WrittenRows", table.writtenRows())
                        .put("DeletedDocuments", table.deletedDocuments())
                        .put("WriteDurationInMs", table.writeMs())
                        .put("DeleteDurationInMs", table.deleteMs())
                        .put("Batches", table.batches()));
                load.slowStatements().forEach(statement -> slow.add(slowStatementJson(statement)));
            });
        });
    }

    /** What a per-process endpoint adds to the result object of one (task, script). */
    @FunctionalInterface
    private interface ProcessJson {
        /** @param stats the process's statistics; empty when it has not run since the server started */
        void fill(ObjectNode process, Optional<ProcessStatistics> stats);
    }

    /** Answers {@code {"Results": [...]}} with one object per (task, script) that {@code name} selects. */
    private void perProcess(Exchange ex, Database db, ProcessJson json) throws Exception {
        DatabaseEtl etl = of(db);
        ObjectNode body = Json.object();
        ArrayNode results = body.putArray("Results");
        for (EtlTask task : selected(ex, etl)) {
            for (Transformation script : task.transforms()) {
                ObjectNode process = results.addObject();
                process.put("TaskName", task.name());
                process.put("TransformationName", script.name());
                json.fill(process, etl.processes().statistics(task.name(), script.name()));
            }
        }
        ex.json(200, body);
    }

    private static ObjectNode slowStatementJson(LoadMetrics.SlowStatement statement) {
        return Json.object()
                .put("Date", Json.formatDate(statement.at()))
                .put("Duration", statement.duration().toMillis())
                .put("TableName", statement.table())
                .put("Statement", statement.statement());
    }

    private static ObjectNode batchJson(BatchReport r) {
        ObjectNode b = Json.object();
        b.put("Id", r.id());
        b.put("Started", Json.formatDate(r.startedAt()));
        b.put("DurationInMs", r.durationMs());
        ObjectNode details = b.putObject("Details");
        details.put("ExtractDurationInMs", r.extractMs());
        details.put("TransformDurationInMs", r.transformMs());
        details.put("LoadDurationInMs", r.loadMs());
        b.put("NumberOfExtractedItems", r.extracted());
        b.put("NumberOfTransformedItems", r.transformed());
        b.put("NumberOfFilteredOutItems", r.filteredOut());
        b.put("TransformationErrorCount", r.scriptErrors());
        b.put("BatchSize", r.bytes());
        b.put("LastLoadedEtag", r.lastEtag());
        b.put("SuccessfullyLoaded", r.loaded());
        b.put("BatchTransformationCompleteReason", r.endReason().description());
        b.put("BatchEndReason", r.endReason().name());
        return b;
    }

    private void errors(Exchange ex, Database db) throws Exception {
        DatabaseEtl etl = of(db);
        ObjectNode body = Json.object();
        ArrayNode results = body.putArray("Results");
        for (EtlTask task : selected(ex, etl)) {
            for (Transformation script : task.transforms()) {
                etl.processes().statistics(task.name(), script.name()).ifPresent(stats -> {
                    for (ProcessStatistics.ErrorEntry e : stats.snapshot().errors()) {
                        ObjectNode error = results.addObject();
                        error.put("TaskName", task.name());
                        error.put("TransformationName", script.name());
                        error.put("Date", Json.formatDate(e.at()));
                        error.put("DocumentId", e.documentId().isEmpty() ? null : e.documentId());
                        error.put("Error", e.message());
                    }
                });
            }
        }
        ex.json(200, body);
    }

    private void test(Exchange ex, Database db) throws Exception {
        ObjectNode body = ex.jsonObjectBody();
        String documentId = body.path("DocumentId").asText("");
        if (documentId.isEmpty()) {
            throw CorvidException.badRequest("DocumentId is required.");
        }
        JsonNode configuration = body.path("Configuration");
        EtlConfiguration task = EtlJson.read(configuration.isObject() ? configuration : Json.object(), EtlConfiguration.class, "ETL configuration");
        if (task.transforms().size() != 1) {
            throw CorvidException.badRequest("Invalid number of transformations. You have provided " + task.transforms().size()
                    + " while ETL test expects to get exactly 1 transformation script");
        }
        Transformation script = task.transforms().get(0);
        boolean isDelete = body.path("IsDelete").asBoolean(false);
        RavenEtlProvider.TestResult result = db.storage().read((ReadTxn r) -> {
            StoredDocument document = r.get(documentId).orElseThrow(() ->
                    new CorvidException(ErrorCode.DOCUMENT_DOES_NOT_EXIST, "Document " + documentId + " does not exist"));
            if (!script.applyToAllDocuments() && script.collections().stream().noneMatch(c -> c.equalsIgnoreCase(document.collection()))) {
                throw CorvidException.badRequest("Document '" + documentId + "' belongs to " + document.collection()
                        + " collection while tested ETL script works on the following collections: " + String.join(", ", script.collections()));
            }
            ChangeEntry entry = isDelete
                    ? new Tombstone(document.id(), document.collection(), document.etag(), document.changeVector(), Instant.now())
                    : document;
            return RavenEtlProvider.test(script, entry, r);
        });
        ObjectNode response = Json.object();
        ArrayNode commands = response.putArray("Commands");
        result.commands().forEach(commands::add);
        ArrayNode errors = response.putArray("TransformationErrors");
        result.errors().forEach(e -> errors.addObject().put("Date", Json.formatDate(Instant.now()))
                .put("DocumentId", documentId).put("Error", e));
        ArrayNode output = response.putArray("DebugOutput");
        result.output().forEach(output::add);
        ex.json(200, response);
    }

    /**
     * {@code POST /admin/etl/sql/test} (ETL.md §2.5): the statements an SQL script produces for one
     * document, without touching the target; with {@code PerformRolledBackTransaction} they run in a
     * transaction that is rolled back, and the database's complaints come back as {@code LoadErrors}.
     */
    private void testSql(Exchange ex, Database db) throws Exception {
        ObjectNode body = ex.jsonObjectBody();
        String documentId = body.path("DocumentId").asText("");
        if (documentId.isEmpty()) {
            throw CorvidException.badRequest("DocumentId is required.");
        }
        JsonNode configuration = body.path("Configuration");
        SqlEtlConfiguration task = EtlJson.read(configuration.isObject() ? configuration : Json.object(),
                SqlEtlConfiguration.class, "SQL ETL configuration");
        if (task.transforms().size() != 1) {
            throw CorvidException.badRequest("Invalid number of transformations. You have provided " + task.transforms().size()
                    + " while ETL test expects to get exactly 1 transformation script");
        }
        ConnectionString.Sql connection;
        JsonNode inline = body.path("Connection");
        if (inline.isObject()) {
            connection = EtlJson.read(inline, ConnectionString.Sql.class, "SQL connection string");
        } else {
            String name = task.connectionStringName() == null ? "" : task.connectionStringName();
            connection = of(db).management().definitions().sqlConnectionString(name).orElseThrow(() ->
                    CorvidException.badRequest("Connection string named '" + name + "' was not found in the database record"));
        }
        SqlConnectionSettings settings = SqlConnectionSettings.parse(connection.factoryName(), connection.connectionString());
        Transformation script = task.transforms().get(0);
        boolean isDelete = body.path("IsDelete").asBoolean(false);
        boolean rolledBack = body.path("PerformRolledBackTransaction").asBoolean(false);
        SqlEtlProvider.TestResult result = db.storage().read((ReadTxn r) ->
                SqlEtlProvider.test(task, script, settings, testEntry(r, documentId, script, isDelete), r, rolledBack));
        ObjectNode response = Json.object();
        String now = Json.formatDate(Instant.now());
        ArrayNode transformationErrors = response.putArray("TransformationErrors");
        result.transformationErrors().forEach(e -> transformationErrors.addObject().put("Date", now)
                .put("DocumentId", documentId).put("Error", e));
        ArrayNode loadErrors = response.putArray("LoadErrors");
        result.loadErrors().forEach(e -> loadErrors.addObject().put("Date", now).put("DocumentId", documentId).put("Error", e));
        ArrayNode slow = response.putArray("SlowSqlWarnings");
        result.slowStatements().forEach(statement -> slow.add(slowStatementJson(statement)));
        ArrayNode summary = response.putArray("Summary");
        for (SqlEtlProvider.TableSummary table : result.summary()) {
            ObjectNode t = summary.addObject();
            t.put("TableName", table.tableName());
            ArrayNode commands = t.putArray("Commands");
            for (SqlCommand command : table.commands()) {
                ObjectNode c = commands.addObject();
                c.put("CommandText", command.text());
                ArrayNode params = c.putArray("Params");
                command.parameters().forEach(p -> params.add(parameterJson(p)));
            }
        }
        ArrayNode output = response.putArray("DebugOutput");
        result.output().forEach(output::add);
        ex.json(200, response);
    }

    /** The document to test on, or its deletion, checked against the script's collections. */
    private static ChangeEntry testEntry(ReadTxn r, String documentId, Transformation script, boolean isDelete) {
        StoredDocument document = r.get(documentId).orElseThrow(() ->
                new CorvidException(ErrorCode.DOCUMENT_DOES_NOT_EXIST, "Document " + documentId + " does not exist"));
        if (!script.applyToAllDocuments() && script.collections().stream().noneMatch(c -> c.equalsIgnoreCase(document.collection()))) {
            throw CorvidException.badRequest("Document '" + documentId + "' belongs to " + document.collection()
                    + " collection while tested ETL script works on the following collections: " + String.join(", ", script.collections()));
        }
        return isDelete
                ? new Tombstone(document.id(), document.collection(), document.etag(), document.changeVector(), Instant.now())
                : document;
    }

    /** A bound value as JSON: numbers and booleans as such, binary as base64, arrays and rows as arrays, the rest as text. */
    private static JsonNode parameterJson(Object value) {
        return switch (value) {
            case null -> Json.NODES.nullNode();
            case String s -> Json.NODES.textNode(s);
            case Long l -> Json.NODES.numberNode(l);
            case java.math.BigDecimal d -> Json.NODES.numberNode(d);
            case Double d -> Json.NODES.numberNode(d);
            case Boolean b -> Json.NODES.booleanNode(b);
            case byte[] bytes -> Json.NODES.textNode(java.util.Base64.getEncoder().encodeToString(bytes));
            case Object[] array -> {
                ArrayNode list = Json.NODES.arrayNode();
                for (Object element : array) {
                    list.add(parameterJson(element));
                }
                yield list;
            }
            case List<?> elements -> {
                ArrayNode list = Json.NODES.arrayNode();
                elements.forEach(element -> list.add(parameterJson(element)));
                yield list;
            }
            default -> Json.NODES.textNode(value.toString());
        };
    }

    /**
     * {@code POST /admin/etl/sql/test-connection?factoryName=…} with the connection string as the body:
     * always 200, {@code {"Success": true}} or {@code {"Success": false, "Error": "…"}}.
     */
    private void testSqlConnection(Exchange ex, Database db) throws Exception {
        String text = new String(ex.body(64 * 1024), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (text.startsWith("\"")) {
            text = Json.MAPPER.readTree(text).asText();
        }
        // Corvid's addition: testing a stored connection string as shown (password masked) uses its stored password
        Optional<String> storedName = ex.param("connectionStringName");
        if (storedName.isPresent()) {
            Optional<ConnectionString.Sql> stored = of(db).management().definitions().sqlConnectionString(storedName.get());
            if (stored.isPresent()) {
                text = SqlConnectionSettings.restoreMaskedPassword(text, stored.get().connectionString());
            }
        }
        ObjectNode response = Json.object();
        Optional<String> error;
        try {
            SqlConnectionSettings settings = SqlConnectionSettings.parse(ex.param("factoryName").orElse(""), text);
            error = SqlConnections.test(settings);
        } catch (CorvidException invalid) {
            error = Optional.of(invalid.getMessage());
        }
        response.put("Success", error.isEmpty());
        error.ifPresent(e -> response.put("Error", e));
        ex.json(200, response);
    }
}
