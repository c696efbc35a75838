package dev.corvid.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.serverwide.DatabaseRecord;
import net.ravendb.client.serverwide.operations.CreateDatabaseOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Corvid process per test class, and a fresh database per store. */
abstract class ServerFixture {
    static Path root;
    static CorvidProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        root = Files.createTempDirectory("corvid-e2e");
        server = CorvidProcess.start(root);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Creates a new database through the official client and returns a store bound to it. */
    static IDocumentStore newDatabase() {
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        try (IDocumentStore admin = new DocumentStore(server.url(), name)) {
            admin.initialize();
            admin.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord(name)));
        }
        return store(name);
    }

    static IDocumentStore store(String database) {
        DocumentStore store = new DocumentStore(server.url(), database);
        store.initialize();
        return store;
    }
}
