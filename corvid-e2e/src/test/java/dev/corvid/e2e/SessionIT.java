package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.exceptions.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Everyday session work through the official RavenDB Java client against a real Corvid process. */
class SessionIT extends ServerFixture {

    @Test
    void storeLoadUpdateDeleteWithHiLoIds() {
        try (IDocumentStore store = newDatabase()) {
            String id;
            try (IDocumentSession session = store.openSession()) {
                User john = new User("John", 30);
                session.store(john);
                session.saveChanges();
                id = john.getId();
            }
            assertThat(id).isEqualTo("users/1-A");

            try (IDocumentSession session = store.openSession()) {
                User loaded = session.load(User.class, id);
                assertThat(loaded.getName()).isEqualTo("John");
                loaded.setAge(31);
                session.saveChanges();
            }
            try (IDocumentSession session = store.openSession()) {
                assertThat(session.load(User.class, "USERS/1-a").getAge()).as("ids are case-insensitive").isEqualTo(31);
                assertThat(session.advanced().getMetadataFor(session.load(User.class, id)).getString("@collection"))
                        .isEqualTo("Users");
                session.delete(id);
                session.saveChanges();
            }
            try (IDocumentSession session = store.openSession()) {
                assertThat(session.load(User.class, id)).isNull();
                assertThat(session.advanced().exists(id)).isFalse();
            }
        }
    }

    @Test
    void hiLoRangesDoNotOverlapAcrossStores() {
        try (IDocumentStore first = newDatabase()) {
            String database = first.getDatabase();
            try (IDocumentStore second = store(database)) {
                String a;
                String b;
                try (IDocumentSession s1 = first.openSession(); IDocumentSession s2 = second.openSession()) {
                    User u1 = new User("a", 1);
                    User u2 = new User("b", 2);
                    s1.store(u1);
                    s2.store(u2);
                    s1.saveChanges();
                    s2.saveChanges();
                    a = u1.getId();
                    b = u2.getId();
                }
                assertThat(a).isNotEqualTo(b);
                assertThat(b).isEqualTo("users/33-A");
            }
        }
    }

    @Test
    void loadsManyWithIncludesAndMissingIds() {
        try (IDocumentStore store = newDatabase()) {
            try (IDocumentSession session = store.openSession()) {
                User jane = new User("Jane", 28);
                session.store(jane, "users/jane");
                User john = new User("John", 30);
                john.setFriendId("users/jane");
                session.store(john, "users/john");
                session.saveChanges();
            }
            try (IDocumentSession session = store.openSession()) {
                User john = session.include("friendId").load(User.class, "users/john");
                assertThat(john.getName()).isEqualTo("John");
                int requests = session.advanced().getNumberOfRequests();
                assertThat(session.load(User.class, john.getFriendId()).getName()).isEqualTo("Jane");
                assertThat(session.advanced().getNumberOfRequests()).as("the include served the second load").isEqualTo(requests);

                Map<String, User> many = session.load(User.class, "users/john", "users/nobody", "users/jane");
                assertThat(many.get("users/nobody")).isNull();
                assertThat(many.get("users/jane").getAge()).isEqualTo(28);
            }
        }
    }

    @Test
    void optimisticConcurrencyConflictThrowsConcurrencyException() {
        try (IDocumentStore store = newDatabase()) {
            try (IDocumentSession session = store.openSession()) {
                session.store(new User("John", 30), "users/1");
                session.saveChanges();
            }
            try (IDocumentSession first = store.openSession(); IDocumentSession second = store.openSession()) {
                first.advanced().setUseOptimisticConcurrency(true);
                second.advanced().setUseOptimisticConcurrency(true);
                User a = first.load(User.class, "users/1");
                User b = second.load(User.class, "users/1");
                a.setAge(40);
                first.saveChanges();
                b.setAge(50);
                assertThatThrownBy(second::saveChanges)
                        .isInstanceOf(ConcurrencyException.class)
                        .satisfies(e -> assertThat(((ConcurrencyException) e).getId()).isEqualTo("users/1"));
            }
            try (IDocumentSession session = store.openSession()) {
                session.advanced().setUseOptimisticConcurrency(true);
                session.store(new User("Other", 1), "users/1");
                assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
            }
            try (IDocumentSession session = store.openSession()) {
                assertThat(session.load(User.class, "users/1").getAge()).as("the failed batches changed nothing").isEqualTo(40);
            }
        }
    }

    @Test
    void serverSideAndIdentityIds() {
        try (IDocumentStore store = newDatabase()) {
            try (IDocumentSession session = store.openSession()) {
                User a = new User("a", 1);
                User b = new User("b", 2);
                User c = new User("c", 3);
                session.store(a, "users|");
                session.store(b, "users|");
                session.store(c, "people/");
                session.saveChanges();
                assertThat(a.getId()).isEqualTo("users/1");
                assertThat(b.getId()).isEqualTo("users/2");
                assertThat(c.getId()).matches("people/\\d{19}-A");
            }
            try (IDocumentSession session = store.openSession()) {
                assertThat(session.load(User.class, "users/2").getName()).isEqualTo("b");
            }
        }
    }
}
