package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.GetOngoingTaskInfoOperation;
import net.ravendb.client.documents.operations.connectionStrings.GetConnectionStringsOperation;
import net.ravendb.client.documents.operations.connectionStrings.GetConnectionStringsResult;
import net.ravendb.client.documents.operations.etl.ResetEtlOperation;
import net.ravendb.client.documents.operations.ongoingTasks.DeleteOngoingTaskOperation;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskSqlEtl;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskState;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskType;
import net.ravendb.client.documents.operations.ongoingTasks.ToggleOngoingTaskStateOperation;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.serverwide.ConnectionStringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQL ETL from a real Corvid server into the machine's PostgreSQL, configured through the official client. */
class SqlEtlIT extends ServerFixture {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String orders;
    private String lines;

    @BeforeEach
    void createTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        orders = "e2e_orders_" + suffix;
        lines = "e2e_lines_" + suffix;
        SqlEtl.execute("CREATE TABLE \"" + orders + "\" (\"Id\" varchar(100), \"Company\" text, \"Total\" numeric(12,2), \"Pdf\" bytea)");
        SqlEtl.execute("CREATE TABLE \"" + lines + "\" (\"OrderId\" varchar(100), \"Product\" text, \"Quantity\" int)");
    }

    @AfterEach
    void dropTables() {
        SqlEtl.execute("DROP TABLE IF EXISTS \"" + orders + "\"");
        SqlEtl.execute("DROP TABLE IF EXISTS \"" + lines + "\"");
    }

    private String script() {
        return """
                var total = 0;
                for (var i = 0; i < this.Lines.length; i++) {
                    total += this.Lines[i].Quantity * 10;
                    loadTo('%s', { Product: this.Lines[i].Product, Quantity: this.Lines[i].Quantity });
                }
                loadTo('%s', { Company: this.Company, Total: total, Pdf: loadAttachment('invoice.pdf') });
                """.formatted(lines, orders);
    }

    private static Order order(String company, int lines) {
        Order order = new Order();
        order.setCustomer(company);
        for (int l = 0; l < lines; l++) {
            order.getLines().add(new Order.Line("products/" + l, l + 1));
        }
        return order;
    }

    private static void storeOrders(IDocumentStore source, int count, int lines) {
        try (IDocumentSession session = source.openSession()) {
            for (int i = 1; i <= count; i++) {
                session.store(order("company" + i, lines), "orders/" + i);
            }
            session.saveChanges();
        }
    }

    private long count(String table) {
        return SqlEtl.queryLong("SELECT COUNT(*) FROM \"" + table + "\"");
    }

    private static JsonNode post(String url, String contentType, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void loadsUpdatesDeletesAndIsManagedLikeRavenDbsSqlEtl() throws Exception {
        try (IDocumentStore source = newDatabase()) {
            // the Order class names its customer "customer"; map it to Company in the script
            storeOrders(source, 25, 3);
            try (IDocumentSession session = source.openSession()) {
                session.advanced().attachments().store("orders/1", "invoice.pdf", new ByteArrayInputStream(new byte[] {37, 80, 68, 70}),
                        "application/pdf");
                session.saveChanges();
            }
            SqlEtl.connectionString(source, "pg", "Npgsql", SqlEtl.POSTGRES);
            String script = script().replace("this.Company", "this.customer").replace("this.Lines", "this.lines")
                    .replace(".Quantity", ".quantity").replace(".Product", ".product");
            long taskId = SqlEtl.add(source, SqlEtl.configuration("orders to pg", "pg",
                    List.of(SqlEtl.table(orders, "Id", false), SqlEtl.table(lines, "OrderId", false)), script, "Orders"));

            await().atMost(WAIT).until(() -> count(orders) == 25 && count(lines) == 75);
            assertThat(SqlEtl.queryLong("SELECT length(\"Pdf\") FROM \"" + orders + "\" WHERE \"Id\" = 'orders/1'")).isEqualTo(4);
            assertThat(SqlEtl.queryLong("SELECT \"Total\" FROM \"" + orders + "\" WHERE \"Id\" = 'orders/2'")).isEqualTo(60);

            try (IDocumentSession session = source.openSession()) {
                session.store(order("changed", 1), "orders/2");
                session.delete("orders/3");
                session.saveChanges();
            }
            await().atMost(WAIT).until(() -> count(orders) == 24 && count(lines) == 72 - 2);
            assertThat(SqlEtl.queryLong("SELECT COUNT(*) FROM \"" + orders + "\" WHERE \"Company\" = 'changed'")).isEqualTo(1);

            OngoingTaskSqlEtl info = (OngoingTaskSqlEtl) source.maintenance().send(new GetOngoingTaskInfoOperation(taskId, OngoingTaskType.SQL_ETL));
            assertThat(info.getTaskName()).isEqualTo("orders to pg");
            assertThat(info.getTaskType()).isEqualTo(OngoingTaskType.SQL_ETL);
            assertThat(info.getTaskState()).isEqualTo(OngoingTaskState.ENABLED);
            assertThat(info.getDestinationServer()).isEqualTo("127.0.0.1:5432");
            assertThat(info.getDestinationDatabase()).isEqualTo("test");
            assertThat(info.isConnectionStringDefined()).isTrue();
            assertThat(info.getConnectionStringName()).isEqualTo("pg");
            assertThat(info.getConfiguration().getSqlTables()).extracting(t -> t.getTableName()).containsExactly(orders, lines);

            GetConnectionStringsResult strings = source.maintenance().send(new GetConnectionStringsOperation("pg", ConnectionStringType.SQL));
            assertThat(strings.getSqlConnectionStrings().get("pg").getConnectionString())
                    .isEqualTo("Host=127.0.0.1;Port=5432;Database=test;Username=postgres;Password=*****");
            String taskJson = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/databases/" + source.getDatabase()
                    + "/task?key=" + taskId + "&type=SqlEtl")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(taskJson).doesNotContain("secret");

            source.maintenance().send(new ToggleOngoingTaskStateOperation(taskId, OngoingTaskType.SQL_ETL, true));
            try (IDocumentSession session = source.openSession()) {
                session.store(order("while disabled", 1), "orders/100");
                session.saveChanges();
            }
            info = (OngoingTaskSqlEtl) source.maintenance().send(new GetOngoingTaskInfoOperation(taskId, OngoingTaskType.SQL_ETL));
            assertThat(info.getTaskState()).isEqualTo(OngoingTaskState.DISABLED);
            assertThat(count(orders)).isEqualTo(24);
            source.maintenance().send(new ToggleOngoingTaskStateOperation(taskId, OngoingTaskType.SQL_ETL, false));
            await().atMost(WAIT).until(() -> count(orders) == 25);

            SqlEtl.execute("DELETE FROM \"" + orders + "\"");
            source.maintenance().send(new ResetEtlOperation("orders to pg", "script"));
            await().atMost(WAIT).until(() -> count(orders) == 25);
            assertThat(count(lines)).as("reset re-sends, rows are replaced").isEqualTo(71);

            source.maintenance().send(new DeleteOngoingTaskOperation(taskId, OngoingTaskType.SQL_ETL));
            try (IDocumentSession session = source.openSession()) {
                session.store(order("after delete", 1), "orders/101");
                session.saveChanges();
            }
            assertThat(source.maintenance().send(new GetOngoingTaskInfoOperation(taskId, OngoingTaskType.SQL_ETL))).isNull();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> count(orders) == 25);
        }
    }

    @Test
    void aMissingColumnShowsTableDocumentAndDatabaseMessageInTaskInfo() {
        try (IDocumentStore source = newDatabase()) {
            storeOrders(source, 3, 1);
            SqlEtl.connectionString(source, "pg", "Npgsql", SqlEtl.POSTGRES);
            long taskId = SqlEtl.add(source, SqlEtl.configuration("broken", "pg", List.of(SqlEtl.table(orders, "Id", false)),
                    "loadTo('" + orders + "', { NoSuchColumn: 1 });", "Orders"));
            await().atMost(WAIT).untilAsserted(() -> {
                OngoingTaskSqlEtl info = (OngoingTaskSqlEtl) source.maintenance().send(
                        new GetOngoingTaskInfoOperation(taskId, OngoingTaskType.SQL_ETL));
                assertThat(info.getError()).isNotNull().contains("Table '" + orders + "'").contains("document 'orders/")
                        .contains("NoSuchColumn");
            });
            assertThat(count(orders)).isZero();
        }
    }

    @Test
    void theTestEndpointsShowStatementsAndCheckConnections() throws Exception {
        try (IDocumentStore source = newDatabase()) {
            storeOrders(source, 1, 2);
            SqlEtl.connectionString(source, "pg", "Npgsql", SqlEtl.POSTGRES);
            String base = server.url() + "/databases/" + source.getDatabase() + "/admin/etl/sql/";
            String configuration = JSON.writeValueAsString(JSON.createObjectNode()
                    .put("Name", "t").put("ConnectionStringName", "pg").put("EtlType", "Sql")
                    .set("SqlTables", JSON.valueToTree(List.of(
                            java.util.Map.of("TableName", orders, "DocumentIdColumn", "Id", "InsertOnlyMode", false),
                            java.util.Map.of("TableName", lines, "DocumentIdColumn", "OrderId", "InsertOnlyMode", false)))));
            JsonNode config = JSON.readTree(configuration);
            ((com.fasterxml.jackson.databind.node.ObjectNode) config).set("Transforms", JSON.valueToTree(List.of(java.util.Map.of(
                    "Name", "s", "Collections", List.of("Orders"), "Script",
                    "output('hi'); for (var i = 0; i < this.lines.length; i++) loadTo('" + lines + "', { Product: this.lines[i].product });"
                            + " loadTo('" + orders + "', { Company: this.customer });"))));
            String body = JSON.writeValueAsString(JSON.createObjectNode().put("DocumentId", "orders/1")
                    .put("PerformRolledBackTransaction", false).set("Configuration", config));
            JsonNode result = post(base + "test", "application/json", body);
            assertThat(result.path("TransformationErrors")).isEmpty();
            assertThat(result.path("DebugOutput").get(0).asText()).isEqualTo("hi");
            JsonNode summary = result.path("Summary");
            assertThat(summary.get(0).path("TableName").asText()).isEqualTo(orders);
            assertThat(summary.get(0).path("Commands").get(0).path("CommandText").asText())
                    .isEqualTo("DELETE FROM \"" + orders + "\" WHERE \"Id\" = ANY (?)");
            assertThat(summary.get(0).path("Commands").get(1).path("CommandText").asText())
                    .isEqualTo("COPY \"" + orders + "\" (\"Id\", \"Company\") FROM STDIN (FORMAT csv)");
            assertThat(summary.get(0).path("Commands").get(1).path("Params").get(0).toString()).isEqualTo("[\"orders/1\",\"company1\"]");
            assertThat(summary.get(1).path("Commands").get(1).path("Params")).hasSize(2);

            String rolledBack = body.replace("\"PerformRolledBackTransaction\":false", "\"PerformRolledBackTransaction\":true");
            assertThat(post(base + "test", "application/json", rolledBack).path("LoadErrors")).isEmpty();
            assertThat(count(orders)).isZero();

            JsonNode ok = post(base + "test-connection?factoryName=Npgsql", "text/plain", SqlEtl.POSTGRES);
            assertThat(ok.path("Success").asBoolean()).isTrue();
            JsonNode bad = post(base + "test-connection?factoryName=" + URLEncoder.encode("Npgsql", StandardCharsets.UTF_8), "text/plain",
                    "Host=127.0.0.1;Port=5432;Database=corvid_no_such_db;Username=postgres;Password=secret");
            assertThat(bad.path("Success").asBoolean()).isFalse();
            assertThat(bad.path("Error").asText()).contains("does not exist").doesNotContain("secret");
            // a stored connection string tested as shown, password masked, uses its stored password (an H2 file
            // is created with the credentials of its first connection, and refuses others afterwards)
            String h2 = "jdbc:h2:" + java.nio.file.Files.createTempDirectory("corvid-h2").resolve("db") + ";USER=sa;PASSWORD=";
            assertThat(post(base + "test-connection", "text/plain", h2 + "s3cret").path("Success").asBoolean()).isTrue();
            SqlEtl.connectionString(source, "h2 file", "", h2 + "s3cret");
            JsonNode withoutName = post(base + "test-connection", "text/plain", h2 + "*****");
            assertThat(withoutName.path("Success").asBoolean()).as(withoutName.toString()).isFalse();
            JsonNode withName = post(base + "test-connection?connectionStringName=" + URLEncoder.encode("h2 file", StandardCharsets.UTF_8),
                    "text/plain", h2 + "*****");
            assertThat(withName.path("Success").asBoolean()).as(withName.toString()).isTrue();
            JsonNode unknown = post(base + "test-connection?factoryName=Foo", "text/plain", "Server=x");
            assertThat(unknown.path("Error").asText()).startsWith("Factory 'Foo' is not supported");
        }
    }

    @Test
    void debugStatsCountRowsPerTableAndRecordSlowStatements() throws Exception {
        // A statement-level trigger makes every insert into the lines table take longer than the
        // 3-second slow-statement threshold.
        String sleep = lines + "_sleep";
        SqlEtl.execute("CREATE FUNCTION \"" + sleep + "\"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3.2); "
                + "RETURN NULL; END $$");
        SqlEtl.execute("CREATE TRIGGER \"" + sleep + "\" AFTER INSERT ON \"" + lines + "\" FOR EACH STATEMENT EXECUTE FUNCTION \""
                + sleep + "\"()");
        try (IDocumentStore source = newDatabase()) {
            storeOrders(source, 4, 3);
            SqlEtl.connectionString(source, "pg", "Npgsql", SqlEtl.POSTGRES);
            String script = script().replace("this.Company", "this.customer").replace("this.Lines", "this.lines")
                    .replace(".Quantity", ".quantity").replace(".Product", ".product");
            SqlEtl.add(source, SqlEtl.configuration("slow", "pg",
                    List.of(SqlEtl.table(orders, "Id", false), SqlEtl.table(lines, "OrderId", false)), script, "Orders"));
            await().atMost(WAIT).until(() -> count(orders) == 4 && count(lines) == 12);

            String statsUrl = server.url() + "/databases/" + source.getDatabase() + "/etl/debug/stats?name=slow";
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode process = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(statsUrl)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("Results").get(0);
                assertThat(process.path("Name").asText()).isEqualTo("slow/script");
                JsonNode tables = process.path("Metrics").path("Tables");
                assertThat(tables.path(orders).path("WrittenRows").asLong()).isEqualTo(4);
                assertThat(tables.path(orders).path("DeletedDocuments").asLong()).as("new documents into empty tables").isZero();
                assertThat(tables.path(lines).path("WrittenRows").asLong()).isEqualTo(12);
                assertThat(tables.path(lines).path("WriteDurationInMs").asLong()).isGreaterThanOrEqualTo(3200);
                JsonNode slow = process.path("Metrics").path("SlowSqlWarnings");
                assertThat(slow).isNotEmpty(); // one per batch; the four orders were saved together, so usually one
                assertThat(slow.get(0).path("TableName").asText()).isEqualTo(lines);
                assertThat(slow.get(0).path("Duration").asLong()).isGreaterThanOrEqualTo(3200);
                assertThat(slow.get(0).path("Statement").asText()).startsWith("COPY \"" + lines + "\"").containsPattern("-- \\d+ rows$");
            });

            JsonNode config = JSON.valueToTree(java.util.Map.of("Name", "t", "ConnectionStringName", "pg", "EtlType", "Sql",
                    "SqlTables", List.of(java.util.Map.of("TableName", lines, "DocumentIdColumn", "OrderId", "InsertOnlyMode", false)),
                    "Transforms", List.of(java.util.Map.of("Name", "s", "Collections", List.of("Orders"),
                            "Script", "loadTo('" + lines + "', { Product: 'p' });"))));
            String body = JSON.writeValueAsString(JSON.createObjectNode().put("DocumentId", "orders/1")
                    .put("PerformRolledBackTransaction", true).set("Configuration", config));
            JsonNode tested = post(server.url() + "/databases/" + source.getDatabase() + "/admin/etl/sql/test", "application/json", body);
            assertThat(tested.path("LoadErrors")).isEmpty();
            assertThat(tested.path("SlowSqlWarnings")).hasSize(1);
            assertThat(tested.path("SlowSqlWarnings").get(0).path("Statement").asText()).startsWith("COPY \"" + lines + "\"");
        } finally {
            SqlEtl.execute("DROP TRIGGER IF EXISTS \"" + sleep + "\" ON \"" + lines + "\"");
            SqlEtl.execute("DROP FUNCTION IF EXISTS \"" + sleep + "\"()");
        }
    }
}
