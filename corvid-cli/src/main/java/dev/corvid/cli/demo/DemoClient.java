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
import java.util.List;
import java.util.Objects;

/**
 * The few RavenDB protocol calls the demo needs, made over HTTP like any client would: create a
 * database, count its documents, store a batch of documents, and check that a page exists.
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
