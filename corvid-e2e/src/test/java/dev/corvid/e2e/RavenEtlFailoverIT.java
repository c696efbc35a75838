package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskConnectionStatus;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.serverwide.DatabaseRecord;
import net.ravendb.client.serverwide.operations.CreateDatabaseOperation;
import org.junit.jupiter.api.Test;

/** Raven ETL between two Corvid processes: failover across URLs, and a destination that goes away. */
class RavenEtlFailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static IDocumentStore database(CorvidProcess server, String name) {
        DocumentStore store = new DocumentStore(server.url(), name);
        store.initialize();
        store.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord(name)));
        return store;
    }

    @Test
    void aDeadFirstUrlDoesNotStopTheEtl() throws Exception {
        Path root = Files.createTempDirectory("corvid-failover");
        try (CorvidProcess sourceServer = CorvidProcess.start(root);
             CorvidProcess targetServer = CorvidProcess.start(root);
             IDocumentStore source = database(sourceServer, "source");
             IDocumentStore target = database(targetServer, "target")) {
            String dead = "http://127.0.0.1:" + CorvidProcess.freePort();
            Etl.connectionString(source, "target", "target", dead, targetServer.url());
            Etl.add(source, Etl.configuration("copy", "target", Etl.script("users", "", "Users")));
            try (IDocumentSession session = source.openSession()) {
                for (int i = 0; i < 100; i++) {
                    session.store(new User("u" + i, i), "users/" + i);
                }
                session.saveChanges();
            }
            await().atMost(WAIT).until(() -> RavenEtlIT.count(target, "Users") == 100);
        }
    }

    @Test
    void aDestinationThatIsDownForAWhileGetsEverythingOnceBack() throws Exception {
        Path root = Files.createTempDirectory("corvid-down");
        try (CorvidProcess sourceServer = CorvidProcess.start(root);
             CorvidProcess targetServer = CorvidProcess.start(root);
             IDocumentStore source = database(sourceServer, "source")) {
            try (IDocumentStore target = database(targetServer, "target")) {
                Etl.connectionString(source, "target", "target", targetServer.url());
                long taskId = Etl.add(source, Etl.configuration("copy", "target", Etl.script("users", "", "Users")));
                write(source, 0, 500);
                await().atMost(WAIT).until(() -> RavenEtlIT.count(target, "Users") == 500);
            }
            targetServer.stop();
            write(source, 500, 2_000);
            await().atMost(WAIT).until(() -> Etl.info(source, taskId(source)).getTaskConnectionStatus()
                    == OngoingTaskConnectionStatus.RECONNECT);
            assertThat(Etl.info(source, taskId(source)).getError()).contains("Failed to load");

            targetServer.restart();
            try (IDocumentStore target = new DocumentStore(targetServer.url(), "target")) {
                target.initialize();
                await().atMost(WAIT).until(() -> RavenEtlIT.count(target, "Users") == 2_000);
                try (IDocumentSession session = target.openSession()) {
                    assertThat(session.load(User.class, "users/1999").getName()).isEqualTo("u1999");
                }
            }
            await().atMost(WAIT).until(() -> Etl.info(source, taskId(source)).getTaskConnectionStatus()
                    == OngoingTaskConnectionStatus.ACTIVE);
        }
    }

    private static long taskId(IDocumentStore source) {
        return source.maintenance().send(new net.ravendb.client.documents.operations.GetOngoingTaskInfoOperation(
                "copy", net.ravendb.client.documents.operations.ongoingTasks.OngoingTaskType.RAVEN_ETL)).getTaskId();
    }

    private static void write(IDocumentStore store, int from, int to) {
        try (BulkInsertOperation bulk = store.bulkInsert()) {
            for (int i = from; i < to; i++) {
                bulk.store(new User("u" + i, i), "users/" + i);
            }
        }
    }
}
