package dev.corvid.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeRavenServer server = new FakeRavenServer();
    private final DemoClient client = new DemoClient(server.url());

    DemoClientTest() throws IOException {
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void createsADatabaseWithTheRavenRequest() throws Exception {
        server.on("PUT", "/admin/databases", 201, "{\"RaftCommandIndex\":1,\"Name\":\"shop\"}");

        assertThat(client.createDatabase("shop")).isTrue();

        FakeRavenServer.Request request = server.requests().get(0);
        assertThat(request.pathAndQuery()).isEqualTo("/admin/databases?name=shop&replicationFactor=1");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"DatabaseName\":\"shop\"}"));
    }

    @Test
    void aConflictMeansTheDatabaseExists() {
        server.on("PUT", "/admin/databases", 409,
                "{\"Type\":\"Raven.Client.Exceptions.ConcurrencyException\",\"Message\":\"exists\"}");

        assertThat(client.createDatabase("shop")).isFalse();
    }

    @Test
    void anUnexpectedAnswerNamesTheRequestAndQuotesTheBody() {
        server.on("PUT", "/admin/databases", 500, "{\"Message\":\"disk on fire\"}");

        assertThatThrownBy(() -> client.createDatabase("shop"))
                .isInstanceOf(DemoClientException.class)
                .hasMessage("PUT " + server.url() + "/admin/databases?name=shop&replicationFactor=1 answered 500: "
                        + "{\"Message\":\"disk on fire\"}");
    }

    @Test
    void countsDocumentsFromTheStatistics() {
        server.on("GET", "/databases/shop/stats", 200, "{\"CountOfDocuments\":6264,\"CountOfIndexes\":0}");

        assertThat(client.countDocuments("shop")).isEqualTo(6264);
    }

    @Test
    void statisticsWithoutACountAreAnError() {
        server.on("GET", "/databases/shop/stats", 200, "{\"Databases\":[]}");

        assertThatThrownBy(() -> client.countDocuments("shop"))
                .isInstanceOf(DemoClientException.class)
                .hasMessageContaining("without a numeric CountOfDocuments");
    }

    @Test
    void storesDocumentsAsOneBulkDocsBatch() throws Exception {
        server.on("POST", "/databases/shop/bulk_docs", 201, results(2));
        DemoDocument first = DemoDocument.of("products/1-A", "Products", Map.of("Name", "Tea"));
        DemoDocument second = DemoDocument.of("products/2-A", "Products", Map.of("Name", "Coffee"));

        client.putDocuments("shop", List.of(first, second));

        JsonNode sent = JSON.readTree(server.requests().get(0).body());
        assertThat(sent).isEqualTo(JSON.readTree("""
                {"Commands": [
                  {"Id": "products/1-A", "ChangeVector": null, "Type": "PUT",
                   "Document": {"Name": "Tea", "@metadata": {"@collection": "Products"}}},
                  {"Id": "products/2-A", "ChangeVector": null, "Type": "PUT",
                   "Document": {"Name": "Coffee", "@metadata": {"@collection": "Products"}}}
                ]}"""));
    }

    @Test
    void aBatchAnswerWithoutOneResultPerCommandIsAnError() {
        server.on("POST", "/databases/shop/bulk_docs", 201, results(1));
        List<DemoDocument> two = List.of(
                DemoDocument.of("products/1-A", "Products", Map.of()), DemoDocument.of("products/2-A", "Products", Map.of()));

        assertThatThrownBy(() -> client.putDocuments("shop", two))
                .isInstanceOf(DemoClientException.class)
                .hasMessageContaining("bulk_docs answered 201 without one result per command (2 sent)");
    }

    @Test
    void aMissingRouteIsReportedAsSuch() {
        assertThatThrownBy(() -> client.countDocuments("shop"))
                .isInstanceOf(DemoClientException.class)
                .hasMessage("GET " + server.url() + "/databases/shop/stats answered 404: (empty body)");
    }

    @Test
    void anUnreachableServerIsReportedWithItsAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DemoClient unreachable = new DemoClient(URI.create("http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> unreachable.countDocuments("shop"))
                .isInstanceOf(DemoClientException.class)
                .hasMessageStartingWith("GET http://127.0.0.1:" + closedPort + "/databases/shop/stats failed: ")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void tellsWhetherAPageExists() {
        server.on("GET", "/studio", 200, "<html></html>");

        assertThat(client.answersOk("/studio")).isTrue();
        assertThat(client.answersOk("/nothing-here")).isFalse();
    }

    static String results(int count) {
        StringBuilder results = new StringBuilder("{\"Results\":[");
        for (int i = 0; i < count; i++) {
            results.append(i == 0 ? "" : ",").append("{\"Type\":\"PUT\"}");
        }
        return results.append("]}").toString();
    }
}
