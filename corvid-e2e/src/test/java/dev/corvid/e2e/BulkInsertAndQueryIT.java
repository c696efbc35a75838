package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.CollectionStatistics;
import net.ravendb.client.documents.operations.DatabaseStatistics;
import net.ravendb.client.documents.operations.GetCollectionStatisticsOperation;
import net.ravendb.client.documents.operations.GetStatisticsOperation;
import net.ravendb.client.documents.queries.Query;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.documents.session.QueryStatistics;
import net.ravendb.client.primitives.Reference;
import org.junit.jupiter.api.Test;

class BulkInsertAndQueryIT extends ServerFixture {
    static final String[] CITIES = {"Berlin", "London", "Paris", "Madrid"};

    @Test
    void bulkInsertOfHundredThousandDocumentsIsCountedExactly() {
        try (IDocumentStore store = newDatabase()) {
            try (BulkInsertOperation bulk = store.bulkInsert()) {
                for (int i = 0; i < 100_000; i++) {
                    User user = new User("user" + i, i % 90);
                    user.setCity(CITIES[i % CITIES.length]);
                    bulk.store(user);
                }
            }
            DatabaseStatistics stats = store.maintenance().send(new GetStatisticsOperation());
            assertThat(stats.getCountOfDocuments()).isEqualTo(100_000);
            CollectionStatistics collections = store.maintenance().send(new GetCollectionStatisticsOperation());
            assertThat(collections.getCollections()).containsEntry("Users", 100_000L);
            try (IDocumentSession session = store.openSession()) {
                assertThat(session.load(User.class, "users/100000-A").getName()).startsWith("user");
            }
        }
    }

    @Test
    void queriesFilterSortAndPage() {
        try (IDocumentStore store = newDatabase()) {
            try (IDocumentSession session = store.openSession()) {
                for (int i = 0; i < 50; i++) {
                    User user = new User("user" + i, i);
                    user.setCity(CITIES[i % CITIES.length]);
                    session.store(user);
                }
                session.saveChanges();
            }
            try (IDocumentSession session = store.openSession()) {
                Reference<QueryStatistics> stats = new Reference<>();
                List<User> page = session.query(User.class)
                        .statistics(stats)
                        .whereEquals("city", "berlin")
                        .andAlso()
                        .whereGreaterThan("age", 10)
                        .orderByDescending("age")
                        .skip(2)
                        .take(3)
                        .toList();
                assertThat(page).extracting(User::getAge).containsExactly(40, 36, 32);
                assertThat(stats.value.getTotalResults()).isEqualTo(10);
                assertThat(stats.value.getIndexName()).isEqualTo("collection/Users");

                assertThat(session.query(User.class).whereStartsWith("name", "USER4").count()).isEqualTo(11);
                assertThat(session.query(User.class).whereIn("age", List.of(1, 2, 3)).orderBy("age").toList())
                        .extracting(User::getName).containsExactly("user1", "user2", "user3");
                assertThat(session.advanced().rawQuery(User.class, "from Users where age >= $min and (city = $a or city = $b)")
                        .addParameter("min", 45).addParameter("a", "Paris").addParameter("b", "Madrid").toList())
                        .extracting(User::getAge).containsExactlyInAnyOrder(46, 47);
                assertThat(session.query(User.class, Query.collection("Users")).count()).isEqualTo(50);
            }
        }
    }
}
