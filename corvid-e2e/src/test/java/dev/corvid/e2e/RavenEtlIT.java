package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.GetCollectionStatisticsOperation;
import net.ravendb.client.documents.operations.attachments.CloseableAttachmentResult;
import net.ravendb.client.documents.operations.etl.RavenEtlConfiguration;
import net.ravendb.client.documents.operations.etl.ResetEtlOperation;
import net.ravendb.client.documents.operations.etl.UpdateEtlOperation;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskConnectionStatus;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskState;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskType;
import net.ravendb.client.documents.operations.ongoingTasks.ToggleOngoingTaskStateOperation;
import net.ravendb.client.documents.operations.ongoingTasks.DeleteOngoingTaskOperation;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.exceptions.RavenException;
import org.junit.jupiter.api.Test;

/** Raven ETL between two databases of a real Corvid server, configured through the official client. */
class RavenEtlIT extends ServerFixture {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    static long count(IDocumentStore store, String collection) {
        Long count = store.maintenance().send(new GetCollectionStatisticsOperation()).getCollections().get(collection);
        return count == null ? 0 : count;
    }

    @Test
    void emptyScriptCopiesTheCollectionWithAttachmentsAndFollowsChanges() throws Exception {
        try (IDocumentStore source = newDatabase(); IDocumentStore target = newDatabase()) {
            try (IDocumentSession session = source.openSession()) {
                for (int i = 1; i <= 50; i++) {
                    session.store(new User("user" + i, i), "users/" + i);
                }
                session.store(new Employee("not", "copied", 1, "x"), "employees/1");
                session.saveChanges();
            }
            try (IDocumentSession session = source.openSession()) {
                User user = session.load(User.class, "users/1");
                session.advanced().attachments().store(user, "photo.png", new ByteArrayInputStream(new byte[] {9, 8, 7}), "image/png");
                session.saveChanges();
            }
            Etl.connectionString(source, "target", target.getDatabase(), server.url());
            long taskId = Etl.add(source, Etl.configuration("copy users", "target", Etl.script("all users", "", "Users")));

            await().atMost(WAIT).until(() -> count(target, "Users") == 50);
            assertThat(count(target, "Employees")).as("only the script's collections").isZero();
            try (IDocumentSession session = target.openSession()) {
                User copy = session.load(User.class, "users/1");
                assertThat(copy.getName()).isEqualTo("user1");
                try (CloseableAttachmentResult photo = session.advanced().attachments().get(copy, "photo.png")) {
                    assertThat(photo.getData().readAllBytes()).containsExactly(9, 8, 7);
                    assertThat(photo.getDetails().getContentType()).isEqualTo("image/png");
                }
            }

            try (IDocumentSession session = source.openSession()) {
                session.load(User.class, "users/2").setAge(200);
                session.delete("users/3");
                session.advanced().attachments().delete("users/1", "photo.png");
                session.saveChanges();
            }
            await().atMost(WAIT).until(() -> {
                try (IDocumentSession session = target.openSession()) {
                    User changed = session.load(User.class, "users/2");
                    User first = session.load(User.class, "users/1");
                    return changed.getAge() == 200 && session.load(User.class, "users/3") == null
                            && session.advanced().attachments().getNames(first).length == 0;
                }
            });
            assertThat(Etl.info(source, taskId).getTaskConnectionStatus()).isEqualTo(OngoingTaskConnectionStatus.ACTIVE);
        }
    }

    @Test
    void scriptWithTwoTargetsNeverDuplicatesAcrossUpdatesAndDeletes() {
        try (IDocumentStore source = newDatabase(); IDocumentStore target = newDatabase()) {
            Etl.connectionString(source, "target", target.getDatabase(), server.url());
            String script = """
                    var lines = this.lines || [];
                    loadToOrders({ Customer: this.customer, LineCount: lines.length });
                    for (var i = 0; i < lines.length; i++) {
                        loadToOrderLines({ Order: id(this), Product: lines[i].product, Quantity: lines[i].quantity });
                    }
                    """;
            Etl.add(source, Etl.configuration("orders", "target", Etl.script("orders and lines", script, "Orders")));
            for (int round = 1; round <= 15; round++) {
                try (IDocumentSession session = source.openSession()) {
                    for (int o = 1; o <= 5; o++) {
                        Order order = new Order();
                        order.setCustomer("customer" + o);
                        for (int l = 0; l < 1 + (round + o) % 4; l++) {
                            order.getLines().add(new Order.Line("products/" + l, round));
                        }
                        session.store(order, "orders/" + o);
                    }
                    session.saveChanges();
                }
            }
            int expectedLines = 0;
            for (int o = 1; o <= 5; o++) {
                expectedLines += 1 + (15 + o) % 4;
            }
            int lines = expectedLines;
            await().atMost(WAIT).until(() -> count(target, "Orders") == 5 && count(target, "OrderLines") == lines
                    && latestQuantities(target));
            try (IDocumentSession session = target.openSession()) {
                ObjectNode order = session.load(ObjectNode.class, "orders/2");
                assertThat(order.get("Customer").asText()).isEqualTo("customer2");
                assertThat(session.advanced().getMetadataFor(order).getString("@collection")).isEqualTo("Orders");
                List<ObjectNode> orderLines = session.advanced().rawQuery(ObjectNode.class, "from OrderLines where Order = 'orders/2'").toList();
                assertThat(orderLines).hasSize(1 + (15 + 2) % 4);
                assertThat(session.advanced().getDocumentId(orderLines.get(0))).startsWith("orders/2/OrderLines/");
            }

            try (IDocumentSession session = source.openSession()) {
                session.delete("orders/1");
                session.saveChanges();
            }
            int remaining = expectedLines - (1 + (15 + 1) % 4);
            await().atMost(WAIT).until(() -> count(target, "Orders") == 4 && count(target, "OrderLines") == remaining);
        }
    }

    private static boolean latestQuantities(IDocumentStore target) {
        try (IDocumentSession session = target.openSession()) {
            return session.advanced().rawQuery(ObjectNode.class, "from OrderLines where Quantity != 15").toList().isEmpty();
        }
    }

    @Test
    void redactingScriptFiltersAndReshapes() {
        try (IDocumentStore source = newDatabase(); IDocumentStore target = newDatabase()) {
            try (IDocumentSession session = source.openSession()) {
                session.store(new Employee("Ada", "Lovelace", 9000, "12 Secret Lane"), "employees/1");
                session.store(new Employee("Charles", "Babbage", 12000, "1 Engine Road"), "employees/2");
                session.store(new Employee("Top", "Secret", 1_000_000, "Hidden"), "employees/3");
                session.saveChanges();
            }
            Etl.connectionString(source, "target", target.getDatabase(), server.url());
            String script = """
                    if (this.salary >= 1000000) return; // executives stay private
                    loadToEmployees({ Name: this.firstName + ' ' + this.lastName });
                    """;
            Etl.add(source, Etl.configuration("redact", "target", Etl.script("employees", script, "Employees")));
            await().atMost(WAIT).until(() -> count(target, "Employees") == 2);
            try (IDocumentSession session = target.openSession()) {
                ObjectNode ada = session.load(ObjectNode.class, "employees/1");
                assertThat(ada.get("Name").asText()).isEqualTo("Ada Lovelace");
                assertThat(ada.has("salary")).isFalse();
                assertThat(ada.has("homeAddress")).isFalse();
                assertThat(session.load(ObjectNode.class, "employees/3")).isNull();
            }
        }
    }

    @Test
    void disableEnableResetAndDelete() {
        try (IDocumentStore source = newDatabase(); IDocumentStore target = newDatabase()) {
            Etl.connectionString(source, "target", target.getDatabase(), server.url());
            long taskId = Etl.add(source, Etl.configuration("copy", "target", Etl.script("users", "", "Users")));
            store(source, "users/1", "first");
            await().atMost(WAIT).until(() -> count(target, "Users") == 1);

            source.maintenance().send(new ToggleOngoingTaskStateOperation(taskId, OngoingTaskType.RAVEN_ETL, true));
            assertThat(Etl.info(source, taskId).getTaskState()).isEqualTo(OngoingTaskState.DISABLED);
            store(source, "users/2", "while disabled");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(target, "Users") == 1);

            source.maintenance().send(new ToggleOngoingTaskStateOperation(taskId, OngoingTaskType.RAVEN_ETL, false));
            await().atMost(WAIT).until(() -> count(target, "Users") == 2);

            try (IDocumentSession session = target.openSession()) {
                session.delete("users/1");
                session.delete("users/2");
                session.saveChanges();
            }
            source.maintenance().send(new ResetEtlOperation("copy", "users"));
            await().atMost(WAIT).until(() -> count(target, "Users") == 2);

            RavenEtlConfiguration changed = Etl.configuration("copy", "target",
                    Etl.script("users", "loadToUsers({ Name: this.name, Updated: true });", "Users"));
            source.maintenance().send(new UpdateEtlOperation<>(taskId, changed));
            store(source, "users/3", "after update");
            await().atMost(WAIT).until(() -> {
                try (IDocumentSession session = target.openSession()) {
                    ObjectNode third = session.load(ObjectNode.class, "users/3");
                    return third != null && third.path("Updated").asBoolean();
                }
            });

            source.maintenance().send(new DeleteOngoingTaskOperation(taskId, OngoingTaskType.RAVEN_ETL));
            store(source, "users/4", "after delete");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> count(target, "Users") == 3);
        }
    }

    private static void store(IDocumentStore store, String id, String name) {
        try (IDocumentSession session = store.openSession()) {
            session.store(new User(name, 1), id);
            session.saveChanges();
        }
    }

    @Test
    void scriptErrorsAreRecordedPerDocumentAndDoNotStopTheOthers() throws Exception {
        try (IDocumentStore source = newDatabase(); IDocumentStore target = newDatabase()) {
            try (IDocumentSession session = source.openSession()) {
                for (int i = 1; i <= 10; i++) {
                    session.store(new User(i == 7 ? "boom" : "user" + i, i), "users/" + i);
                }
                session.saveChanges();
            }
            Etl.connectionString(source, "target", target.getDatabase(), server.url());
            String script = "if (this.name === 'boom') throw new Error('cannot handle ' + id(this)); loadToUsers({ Name: this.name });";
            long taskId = Etl.add(source, Etl.configuration("fragile", "target", Etl.script("users", script, "Users")));
            await().atMost(WAIT).until(() -> count(target, "Users") == 9);
            await().atMost(WAIT).until(() -> Etl.info(source, taskId).getError() != null);
            assertThat(Etl.info(source, taskId).getError()).contains("users/7").contains("cannot handle users/7");

            JsonNode errors = get(source.getDatabase(), "/etl/errors?name=fragile").path("Results");
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).path("DocumentId").asText()).isEqualTo("users/7");
        }
    }

    @Test
    void invalidConfigurationIsRejectedWithClearMessages() {
        try (IDocumentStore source = newDatabase()) {
            assertThatThrownBy(() -> Etl.add(source, Etl.configuration("x", "missing", Etl.script("s", "", "Users"))))
                    .isInstanceOf(RavenException.class)
                    .hasMessageContaining("Connection string named 'missing' was not found for Raven ETL");
            Etl.connectionString(source, "cs", "somewhere", server.url());
            assertThatThrownBy(() -> Etl.add(source, Etl.configuration("x", "cs", Etl.script("s", "loadToUsers(this", "Users"))))
                    .isInstanceOf(RavenException.class)
                    .hasMessageContaining("s");
            assertThatThrownBy(() -> Etl.add(source, Etl.configuration("x", "cs", Etl.script("s", "var a = 1;", "Users"))))
                    .hasMessageContaining("No `loadTo<CollectionName>()` method call found in 's' script");
            assertThatThrownBy(() -> Etl.add(source, Etl.configuration("x", "cs", Etl.script("s", ""))))
                    .hasMessageContaining("Collections need be specified");
            assertThatThrownBy(() -> Etl.add(source, Etl.configuration("", "cs", Etl.script("s", "", "Users"))))
                    .hasMessageContaining("Name of ETL configuration cannot be empty");
            Etl.add(source, Etl.configuration("x", "cs", Etl.script("s", "", "Users")));
            assertThatThrownBy(() -> Etl.add(source, Etl.configuration("X", "cs", Etl.script("s", "", "Users"))))
                    .hasMessageContaining("ETL with name 'X' is already defined");
        }
    }

    @Test
    void testEndpointShowsWhatWouldBeLoadedWithoutWriting() throws Exception {
        try (IDocumentStore source = newDatabase()) {
            try (IDocumentSession session = source.openSession()) {
                session.store(new Employee("Ada", "Lovelace", 9000, "secret"), "employees/1");
                session.saveChanges();
            }
            String body = """
                    {"DocumentId": "employees/1", "IsDelete": false,
                     "Configuration": {"Name": "t", "ConnectionStringName": "none", "EtlType": "Raven",
                       "Transforms": [{"Name": "s", "Collections": ["Employees"],
                         "Script": "output('hello ' + this.firstName); loadToPeople({ Name: this.firstName });"}]}}
                    """;
            JsonNode result = post(source.getDatabase(), "/admin/etl/raven/test", body);
            assertThat(result.path("DebugOutput").get(0).asText()).isEqualTo("hello Ada");
            List<String> types = result.path("Commands").findValuesAsText("Type");
            assertThat(types).containsExactly("DELETE", "PUT");
            assertThat(result.path("Commands").get(0).path("Id").asText()).isEqualTo("employees/1/people/");
            assertThat(result.path("Commands").get(1).path("Document").path("Name").asText()).isEqualTo("Ada");
            assertThat(count(source, "People")).isZero();
        }
    }

    private static JsonNode get(String database, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/databases/" + database + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String database, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/databases/" + database + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
