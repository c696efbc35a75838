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
import java.util.Optional;

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

    @Test
    void putsARavenConnectionStringInRavensShape() throws Exception {
        server.on("PUT", "/databases/shop/admin/connection-strings", 200, "{\"RaftCommandIndex\":3}");

        client.putRavenConnectionString("shop", "helpdesk", "helpdesk", URI.create("http://127.0.0.1:8080"));

        FakeRavenServer.Request request = server.requests().get(0);
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"Name": "helpdesk", "Database": "helpdesk", "Type": "Raven",
                 "TopologyDiscoveryUrls": ["http://127.0.0.1:8080"]}"""));
    }

    @Test
    void addsARavenEtlTaskInRavensShapeAndReturnsItsId() throws Exception {
        server.on("PUT", "/databases/shop/admin/etl", 200, "{\"RaftCommandIndex\":4,\"TaskId\":7}");
        RavenEtlTask task = new RavenEtlTask("copy", "helpdesk", List.of(
                new EtlTransform("Employees", "Employees", "loadToEmployees({Name: this.FirstName});")));

        assertThat(client.addRavenEtl("shop", task)).isEqualTo(7);

        assertThat(JSON.readTree(server.requests().get(0).body())).isEqualTo(JSON.readTree("""
                {"Name": "copy", "ConnectionStringName": "helpdesk", "EtlType": "Raven", "Disabled": false,
                 "Transforms": [{"Name": "Employees", "Collections": ["Employees"],
                                 "Script": "loadToEmployees({Name: this.FirstName});",
                                 "Disabled": false, "ApplyToAllDocuments": false}]}"""));
    }

    @Test
    void aRejectedTaskQuotesTheServersReason() {
        server.on("PUT", "/databases/shop/admin/etl", 400,
                "{\"Type\":\"System.InvalidOperationException\",\"Message\":\"ETL with name 'copy' is already defined\"}");
        RavenEtlTask task = new RavenEtlTask("copy", "helpdesk",
                List.of(new EtlTransform("Employees", "Employees", "")));

        assertThatThrownBy(() -> client.addRavenEtl("shop", task))
                .isInstanceOf(DemoClientException.class)
                .hasMessageContaining("/databases/shop/admin/etl answered 400")
                .hasMessageContaining("ETL with name 'copy' is already defined");
    }

    @Test
    void listsTheNamesOfTheOngoingTasks() {
        server.on("GET", "/databases/shop/tasks", 200, """
                {"OngoingTasksList": [{"TaskId": 1, "TaskName": "shop to helpdesk", "TaskState": "Enabled"},
                                      {"TaskId": 2, "TaskName": "archive", "TaskState": "Disabled"}],
                 "SubscriptionsCount": 0}""");

        assertThat(client.ongoingTaskNames("shop")).containsExactly("shop to helpdesk", "archive");
    }

    @Test
    void readsTheProgressOfEachScriptOfTheNamedTask() {
        server.on("GET", "/databases/shop/etl/progress", 200, """
                {"Results": [{"TaskName": "shop to helpdesk", "ProcessesProgress": [
                  {"TransformationName": "Employees", "Completed": true, "Disabled": false,
                   "NumberOfDocumentsToProcess": 0, "TotalNumberOfDocuments": 60, "Status": "IDLE", "ScriptErrors": 0},
                  {"TransformationName": "Orders", "Completed": false, "Disabled": false,
                   "NumberOfDocumentsToProcess": 1200, "TotalNumberOfDocuments": 5000, "Status": "BACKING_OFF",
                   "ScriptErrors": 2, "LastError": "helpdesk is unreachable"}]}]}""");

        List<EtlScriptProgress> scripts = client.etlProgress("shop", "shop to helpdesk");

        assertThat(server.requests().get(0).pathAndQuery()).isEqualTo("/databases/shop/etl/progress?name=shop+to+helpdesk");
        assertThat(scripts).containsExactly(
                new EtlScriptProgress("Employees", true, false, 0, 60, Optional.of("IDLE"), 0, Optional.empty()),
                new EtlScriptProgress("Orders", false, false, 1200, 5000, Optional.of("BACKING_OFF"), 2,
                        Optional.of("helpdesk is unreachable")));
        assertThat(scripts.get(1).processedDocuments()).isEqualTo(3800);
    }

    @Test
    void theProgressOfAnUnknownTaskIsAnError() {
        server.on("GET", "/databases/shop/etl/progress", 200, "{\"Results\":[]}");

        assertThatThrownBy(() -> client.etlProgress("shop", "shop to helpdesk"))
                .isInstanceOf(DemoClientException.class)
                .hasMessageContaining("without the progress of ETL task 'shop to helpdesk'");
    }

    @Test
    void aScriptProgressWithoutItsCountsIsAnError() {
        server.on("GET", "/databases/shop/etl/progress", 200,
                "{\"Results\":[{\"TaskName\":\"t\",\"ProcessesProgress\":[{\"TransformationName\":\"Orders\"}]}]}");

        assertThatThrownBy(() -> client.etlProgress("shop", "t"))
                .isInstanceOf(DemoClientException.class)
                .hasMessageContaining("lacking Completed, NumberOfDocumentsToProcess or TotalNumberOfDocuments");
    }

    @Test
    void countsTheDocumentsOfEachCollection() {
        server.on("GET", "/databases/helpdesk/collections/stats", 200,
                "{\"CountOfDocuments\":5070,\"Collections\":{\"Employees\":60,\"Orders\":5000,\"OrderLines\":10}}");

        assertThat(client.collectionCounts("helpdesk"))
                .containsExactly(Map.entry("Employees", 60L), Map.entry("Orders", 5000L), Map.entry("OrderLines", 10L));
    }

    static String results(int count) {
        StringBuilder results = new StringBuilder("{\"Results\":[");
        for (int i = 0; i < count; i++) {
            results.append(i == 0 ? "" : ",").append("{\"Type\":\"PUT\"}");
        }
        return results.append("]}").toString();
    }
}
