package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.exceptions.ConcurrencyException;
import net.ravendb.client.exceptions.database.DatabaseDoesNotExistException;
import net.ravendb.client.serverwide.DatabaseRecord;
import net.ravendb.client.serverwide.DatabaseRecordWithEtag;
import net.ravendb.client.serverwide.operations.CreateDatabaseOperation;
import net.ravendb.client.serverwide.operations.DeleteDatabasesOperation;
import net.ravendb.client.serverwide.operations.GetDatabaseNamesOperation;
import net.ravendb.client.serverwide.operations.GetDatabaseRecordOperation;
import org.junit.jupiter.api.Test;

class DatabasesIT extends ServerFixture {

    @Test
    void createListReadAndDeleteDatabases() {
        try (IDocumentStore store = new DocumentStore(server.url(), "ignored")) {
            store.initialize();
            store.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord("Northwind")));
            store.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord("sales")));

            assertThat(store.maintenance().server().send(new GetDatabaseNamesOperation(0, 100)))
                    .contains("Northwind", "sales");
            DatabaseRecordWithEtag record = store.maintenance().server().send(new GetDatabaseRecordOperation("northwind"));
            assertThat(record.getDatabaseName()).isEqualTo("Northwind");
            assertThat(store.maintenance().server().send(new GetDatabaseRecordOperation("nothing-here"))).isNull();

            assertThatThrownBy(() -> store.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord("NORTHWIND"))))
                    .isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining("already exists");

            try (IDocumentStore northwind = store("Northwind"); IDocumentSession session = northwind.openSession()) {
                session.store(new User("x", 1), "users/1");
                session.saveChanges();
            }
            store.maintenance().server().send(new DeleteDatabasesOperation("Northwind", true));
            assertThat(store.maintenance().server().send(new GetDatabaseNamesOperation(0, 100)))
                    .doesNotContain("Northwind").contains("sales");
        }
        try (IDocumentStore gone = store("Northwind"); IDocumentSession session = gone.openSession()) {
            assertThatThrownBy(() -> session.load(User.class, "users/1"))
                    .isInstanceOf(DatabaseDoesNotExistException.class);
        }
    }

    @Test
    void databasesAndTheirDocumentsSurviveARestart() throws Exception {
        try (IDocumentStore store = newDatabase()) {
            String database = store.getDatabase();
            try (IDocumentSession session = store.openSession()) {
                session.store(new User("persisted", 7), "users/p");
                session.saveChanges();
            }
            server.restart();
            try (IDocumentStore again = store(database); IDocumentSession session = again.openSession()) {
                assertThat(session.load(User.class, "users/p").getAge()).isEqualTo(7);
            }
        }
    }
}
