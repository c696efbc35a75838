package dev.corvid.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The few RavenDB protocol calls the demo needs, made over HTTP like any client would: create a
 * database, count its documents, store a batch of documents, set up Raven and SQL ETL tasks and
 * follow their progress, and check that a page exists.
 *
 * <p>Every call either succeeds or throws {@link DemoClientException} naming the request and what
 * the server answered. Thread-safe, as {@link HttpClient} is.
 */
public final class DemoClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_BODY_IN_ERROR = 500;

    private final URI serverUrl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** @param serverUrl the server's base URL, e.g. {@code http://127.0.0.1:8080} */
    public DemoClient(URI serverUrl) {
        this.serverUrl = Objects.requireNonNull(serverUrl, "serverUrl");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Creates a database with a replication factor of 1.
     *
     * @return true when it was created, false when it already existed (HTTP 409)
     */
    public boolean createDatabase(String name) {
        ObjectNode record = json.createObjectNode().put("DatabaseName", name);
        HttpResponse<String> response = send("PUT", "/admin/databases?name=" + encode(name) + "&replicationFactor=1", record);
        return switch (response.statusCode()) {
            case 200, 201 -> true;
            case 409 -> false;
            default -> throw unexpected(response);
        };
    }

    /** The database's {@code CountOfDocuments}, from {@code GET /databases/{name}/stats}. */
    public long countDocuments(String database) {
        HttpResponse<String> response = send("GET", databasePath(database) + "/stats", null);
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode count = parse(response).path("CountOfDocuments");
        if (!count.canConvertToLong()) {
            throw new DemoClientException(describe(response) + " without a numeric CountOfDocuments: "
                    + abbreviate(response.body()));
        }
        return count.asLong();
    }

    /** Stores {@code documents} in one {@code bulk_docs} transaction, replacing any document with the same id. */
    public void putDocuments(String database, List<DemoDocument> documents) {
        ObjectNode batch = json.createObjectNode();
        ArrayNode commands = batch.putArray("Commands");
        for (DemoDocument document : documents) {
            commands.addObject()
                    .put("Id", document.id())
                    .putNull("ChangeVector")
                    .put("Type", "PUT")
                    .set("Document", document.body());
        }
        HttpResponse<String> response = send("POST", databasePath(database) + "/bulk_docs", batch);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode results = parse(response).path("Results");
        if (!results.isArray() || results.size() != documents.size()) {
            throw new DemoClientException(describe(response) + " without one result per command (" + documents.size()
                    + " sent): " + abbreviate(response.body()));
        }
    }

    /**
     * Adds the Raven connection string {@code name} to {@code database}, or replaces the one of that
     * name: it names {@code destinationDatabase} on the server at {@code destinationUrl}.
     */
    public void putRavenConnectionString(String database, String name, String destinationDatabase, URI destinationUrl) {
        ObjectNode connectionString = json.createObjectNode()
                .put("Name", name)
                .put("Database", destinationDatabase)
                .put("Type", "Raven");
        connectionString.putArray("TopologyDiscoveryUrls").add(destinationUrl.toString());
        HttpResponse<String> response = send("PUT", databasePath(database) + "/admin/connection-strings", connectionString);
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
    }

    /** The names of the database's ongoing tasks (ETL and others), from {@code GET /databases/{name}/tasks}. */
    public List<String> ongoingTaskNames(String database) {
        HttpResponse<String> response = send("GET", databasePath(database) + "/tasks", null);
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode tasks = parse(response).path("OngoingTasksList");
        if (!tasks.isArray()) {
            throw new DemoClientException(describe(response) + " without an OngoingTasksList: " + abbreviate(response.body()));
        }
        List<String> names = new ArrayList<>();
        tasks.forEach(task -> names.add(task.path("TaskName").asText()));
        return names;
    }

    /**
     * Adds the SQL connection string {@code name} to {@code database}, or replaces the one of that
     * name. {@code factoryName} may be empty when {@code connectionString} is a JDBC URL.
     */
    public void putSqlConnectionString(String database, String name, String factoryName, String connectionString) {
        ObjectNode body = json.createObjectNode()
                .put("Name", name)
                .put("Type", "Sql")
                .put("FactoryName", factoryName)
                .put("ConnectionString", connectionString);
        HttpResponse<String> response = send("PUT", databasePath(database) + "/admin/connection-strings", body);
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
    }

    /**
     * Adds {@code task}, enabled, to {@code database}. The server refuses (and this throws) when a
     * task of that name exists or a script is invalid; the message quotes the server's reason.
     *
     * @return the task id the server assigned
     */
    public long addRavenEtl(String database, RavenEtlTask task) {
        return addEtl(database, etlConfiguration(task.name(), task.connectionStringName(), "Raven", task.transforms()));
    }

    /**
     * Adds {@code task}, enabled, to {@code database}, like {@link #addRavenEtl}.
     *
     * @return the task id the server assigned
     */
    public long addSqlEtl(String database, SqlEtlTask task) {
        ObjectNode configuration = etlConfiguration(task.name(), task.connectionStringName(), "Sql", task.transforms())
                .put("ParameterizeDeletes", true)
                .put("QuoteTables", true);
        ArrayNode tables = configuration.putArray("SqlTables");
        for (SqlEtlTask.Table table : task.tables()) {
            tables.addObject()
                    .put("TableName", table.name())
                    .put("DocumentIdColumn", table.documentIdColumn())
                    .put("InsertOnlyMode", false);
        }
        return addEtl(database, configuration);
    }

    private ObjectNode etlConfiguration(String name, String connectionStringName, String type, List<EtlTransform> scripts) {
        ObjectNode configuration = json.createObjectNode()
                .put("Name", name)
                .put("ConnectionStringName", connectionStringName)
                .put("EtlType", type)
                .put("Disabled", false);
        ArrayNode transforms = configuration.putArray("Transforms");
        for (EtlTransform transform : scripts) {
            ObjectNode script = transforms.addObject().put("Name", transform.name());
            script.putArray("Collections").add(transform.collection());
            script.put("Script", transform.script())
                    .put("Disabled", false)
                    .put("ApplyToAllDocuments", false);
        }
        return configuration;
    }

    private long addEtl(String database, ObjectNode configuration) {
        HttpResponse<String> response = send("PUT", databasePath(database) + "/admin/etl", configuration);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw unexpected(response);
        }
        JsonNode taskId = parse(response).path("TaskId");
        if (!taskId.canConvertToLong()) {
            throw new DemoClientException(describe(response) + " without a numeric TaskId: " + abbreviate(response.body()));
        }
        return taskId.asLong();
    }

    /**
     * The progress of each script of the ETL task {@code taskName}, from
     * {@code GET /databases/{name}/etl/progress}; throws when the database has no such task.
     */
    public List<EtlScriptProgress> etlProgress(String database, String taskName) {
        HttpResponse<String> response = send("GET", databasePath(database) + "/etl/progress?name=" + encode(taskName), null);
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        for (JsonNode task : parse(response).path("Results")) {
            if (task.path("TaskName").asText().equalsIgnoreCase(taskName)) {
                List<EtlScriptProgress> scripts = new ArrayList<>();
                for (JsonNode script : task.path("ProcessesProgress")) {
                    scripts.add(scriptProgress(response, script));
                }
                return scripts;
            }
        }
        throw new DemoClientException(describe(response) + " without the progress of ETL task '" + taskName + "': "
                + abbreviate(response.body()));
    }

    private EtlScriptProgress scriptProgress(HttpResponse<String> response, JsonNode script) {
        JsonNode completed = script.path("Completed");
        JsonNode toProcess = script.path("NumberOfDocumentsToProcess");
        JsonNode total = script.path("TotalNumberOfDocuments");
        if (!completed.isBoolean() || !toProcess.canConvertToLong() || !total.canConvertToLong()) {
            throw new DemoClientException(describe(response) + " with a script progress lacking Completed, "
                    + "NumberOfDocumentsToProcess or TotalNumberOfDocuments: " + abbreviate(script.toString()));
        }
        return new EtlScriptProgress(script.path("TransformationName").asText(), completed.asBoolean(),
                script.path("Disabled").asBoolean(false), toProcess.asLong(), total.asLong(), text(script, "Status"),
                script.path("ScriptErrors").asLong(0), text(script, "LastError"));
    }

    /** How many documents each collection of the database holds, from {@code GET /databases/{name}/collections/stats}. */
    public Map<String, Long> collectionCounts(String database) {
        HttpResponse<String> response = send("GET", databasePath(database) + "/collections/stats", null);
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        JsonNode collections = parse(response).path("Collections");
        if (!collections.isObject()) {
            throw new DemoClientException(describe(response) + " without Collections: " + abbreviate(response.body()));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        collections.properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    /** Whether {@code GET path} answers 200, e.g. to tell if this server has the Studio. */
    public boolean answersOk(String path) {
        return send("GET", path, null).statusCode() == 200;
    }

    private HttpResponse<String> send(String method, String pathAndQuery, JsonNode body) {
        URI uri = serverUrl.resolve(pathAndQuery);
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=UTF-8")
                .method(method, publisher)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DemoClientException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoClientException(method + " " + uri + " was interrupted", e);
        }
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new DemoClientException(describe(response) + " with a body that is not JSON: "
                    + abbreviate(response.body()), e);
        }
    }

    private static Optional<String> text(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String databasePath(String database) {
        return "/databases/" + encode(database);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static DemoClientException unexpected(HttpResponse<String> response) {
        return new DemoClientException(describe(response) + ": " + abbreviate(response.body()));
    }

    private static String describe(HttpResponse<String> response) {
        HttpRequest request = response.request();
        return request.method() + " " + request.uri() + " answered " + response.statusCode();
    }

    private static String abbreviate(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= MAX_BODY_IN_ERROR ? oneLine : oneLine.substring(0, MAX_BODY_IN_ERROR) + "…";
    }
}
