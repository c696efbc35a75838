package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.DatabaseStatistics;
import net.ravendb.client.documents.operations.GetStatisticsOperation;
import net.ravendb.client.documents.session.IDocumentSession;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad requests: each gets a 4xx/5xx with RavenDB's error JSON (no stack trace), and
 * afterwards the server still serves and no stored data changed.
 */
class BadInputIT extends ServerFixture {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Bad(String method, String path, String body, int expectedStatus, String expectedType) {
    }

    @Test
    void badRequestsGetClearErrorsAndChangeNothing() throws Exception {
        try (IDocumentStore store = newDatabase()) {
            String db = "/databases/" + store.getDatabase();
            try (IDocumentSession session = store.openSession()) {
                session.store(new User("Keep me", 42), "users/keep");
                session.saveChanges();
            }
            String changeVectorBefore;
            try (IDocumentSession session = store.openSession()) {
                changeVectorBefore = session.advanced().getChangeVectorFor(session.load(User.class, "users/keep"));
            }
            DatabaseStatistics before = store.maintenance().send(new GetStatisticsOperation());

            String deep = "[".repeat(5000) + "]".repeat(5000);
            List<Bad> corpus = List.of(
                    new Bad("PUT", db + "/docs?id=users/keep", "{\"name\": ", 400, "BadRequestException"),
                    new Bad("PUT", db + "/docs?id=users/keep", "{\"a\":1,\"a\":2}", 400, "BadRequestException"),
                    new Bad("PUT", db + "/docs?id=users/keep", "[1,2]", 400, "BadRequestException"),
                    new Bad("PUT", db + "/docs?id=users/keep", "", 400, "BadRequestException"),
                    new Bad("PUT", db + "/docs?id=users/keep", deep, 400, "BadRequestException"),
                    new Bad("PUT", db + "/docs", "{}", 400, "BadRequestException"),
                    new Bad("PUT", db + "/docs?id=" + "x".repeat(600), "{}", 400, "BadRequestException"),
                    new Bad("GET", "/databases/no-such-db/docs?id=users/1", null, 503, "DatabaseDoesNotExistException"),
                    new Bad("GET", "/topology?name=no-such-db", null, 503, "DatabaseDoesNotExistException"),
                    new Bad("GET", db + "/no/such/endpoint", null, 400, "RouteNotFoundException"),
                    new Bad("PATCH", "/whatever", "{}", 400, "RouteNotFoundException"),
                    new Bad("POST", db + "/bulk_docs", "{\"Commands\": 5}", 400, "BadRequestException"),
                    new Bad("POST", db + "/bulk_docs", "{\"Commands\": [{\"Type\": \"PUT\", \"Id\": \"users/keep\"}]}", 400, "BadRequestException"),
                    new Bad("POST", db + "/bulk_docs", "{\"Commands\": [{\"Type\": \"PUT\", \"Id\": \"users/new\", \"Document\": {}}, {\"Type\": \"Bogus\", \"Id\": \"x\"}]}", 400, "BadRequestException"),
                    new Bad("POST", db + "/bulk_docs", "{\"Commands\": [{\"Type\": \"DELETE\", \"Id\": \"users/keep\"}, {\"Type\": \"PUT\", \"Id\": \"users/keep\", \"ChangeVector\": \"A:999-nope\", \"Document\": {}}]}", 409, "ConcurrencyException"),
                    new Bad("POST", db + "/bulk_docs", "{\"Commands\": [{\"Type\": \"DELETE\", \"Id\": \"users/keep\"}, {\"Type\": \"AttachmentPUT\", \"Id\": \"users/keep\", \"Name\": \"a\"}]}", 400, "BadRequestException"),
                    new Bad("POST", db + "/queries", "{\"Query\": \"from Users where\"}", 400, "InvalidQueryException"),
                    new Bad("POST", db + "/queries", "{\"Query\": \"from Users where name = $missing\"}", 400, "InvalidQueryException"),
                    new Bad("POST", db + "/queries", "{\"Query\": \"from index 'Users/ByName'\"}", 404, null),
                    new Bad("POST", db + "/queries", "{}", 400, "InvalidQueryException"),
                    new Bad("POST", db + "/bulk_insert?id=1", "[{\"Id\": \"users/keep\", \"Type\": \"PUT\", \"Document\": {\"broken\": }]", 400, "BadRequestException"),
                    new Bad("POST", db + "/bulk_insert?id=2", "{\"not\": \"an array\"}", 400, "BadRequestException"),
                    new Bad("PUT", db + "/attachments?id=users/none&name=a.txt", "hello", 404, "DocumentDoesNotExistException"),
                    new Bad("PUT", "/admin/databases?name=bad%20name", "{\"DatabaseName\": \"bad name\"}", 400, "BadRequestException"),
                    new Bad("PUT", "/admin/databases?name=" + store.getDatabase(), "{\"DatabaseName\": \"" + store.getDatabase() + "\"}", 409, "ConcurrencyException"),
                    new Bad("DELETE", "/admin/databases", "{\"DatabaseNames\": []}", 400, "BadRequestException"),
                    new Bad("DELETE", "/admin/databases", "{\"DatabaseNames\": [\"no-such-db\"]}", 503, "DatabaseDoesNotExistException"),
                    new Bad("GET", db + "/hilo/next", null, 400, "BadRequestException"),
                    new Bad("GET", db + "/docs?id=users/keep&start=abc", null, 200, null),
                    new Bad("GET", db + "/docs?pageSize=notanumber", null, 400, "BadRequestException"),
                    new Bad("GET", db + "/operations/state?id=987654", null, 404, null));

            List<String> failures = new ArrayList<>();
            for (Bad bad : corpus) {
                HttpResponse<String> response = send(bad.method(), bad.path(), bad.body());
                String where = bad.method() + " " + bad.path().substring(0, Math.min(80, bad.path().length()));
                if (response.statusCode() != bad.expectedStatus()) {
                    failures.add(where + " → " + response.statusCode() + " " + response.body());
                    continue;
                }
                if (bad.expectedType() != null) {
                    JsonNode error = JSON.readTree(response.body());
                    if (!error.path("Type").asText().endsWith(bad.expectedType()) || error.path("Error").asText().isEmpty()
                            || error.path("Message").asText().isEmpty()) {
                        failures.add(where + " → unexpected error body " + response.body());
                    }
                    if (response.body().contains("\tat ") || response.body().contains("at dev.corvid")) {
                        failures.add(where + " → stack trace in the response");
                    }
                }
            }
            HttpResponse<String> oversized = send("PUT", db + "/docs?id=users/huge",
                    "{\"blob\": \"" + "x".repeat(65 << 20) + "\"}");
            if (oversized.statusCode() != 413) {
                failures.add("oversized body → " + oversized.statusCode());
            }
            assertThat(failures).isEmpty();

            assertThat(send("GET", "/databases", null).statusCode()).as("the server still serves").isEqualTo(200);
            try (IDocumentSession session = store.openSession()) {
                User keep = session.load(User.class, "users/keep");
                assertThat(keep.getName()).isEqualTo("Keep me");
                assertThat(session.advanced().getChangeVectorFor(keep)).isEqualTo(changeVectorBefore);
                assertThat(session.load(User.class, "users/new")).as("a failed batch applied nothing").isNull();
            }
            DatabaseStatistics after = store.maintenance().send(new GetStatisticsOperation());
            assertThat(after.getCountOfDocuments()).isEqualTo(before.getCountOfDocuments());
            assertThat(after.getLastDocEtag()).as("no write happened").isEqualTo(before.getLastDocEtag());
        }
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path.replace(" ", "%20")))
                .method(method, publisher)
                .header("Content-Type", "application/json; charset=UTF-8")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
