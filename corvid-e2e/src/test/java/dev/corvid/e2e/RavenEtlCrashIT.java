package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.session.IDocumentSession;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the source server in the middle of a 100k-document ETL: after the restart the
 * destination holds exactly the expected documents, nothing missing and nothing extra.
 */
class RavenEtlCrashIT {
    private static final int DOCUMENTS = 100_000;

    @Test
    void killNineDuringEtlLosesAndDuplicatesNothing() throws Exception {
        long seed = Long.getLong("corvid.crash.seed", System.nanoTime());
        System.out.println("RavenEtlCrashIT seed " + seed);
        Random random = new Random(seed);
        Path root = Files.createTempDirectory("corvid-etl-crash");
        try (CorvidProcess sourceServer = CorvidProcess.start(root);
             CorvidProcess targetServer = CorvidProcess.start(root);
             IDocumentStore target = RavenEtlFailoverIT.database(targetServer, "target")) {
            try (IDocumentStore source = RavenEtlFailoverIT.database(sourceServer, "source")) {
                try (BulkInsertOperation bulk = source.bulkInsert()) {
                    for (int i = 0; i < DOCUMENTS; i++) {
                        bulk.store(new User("u" + i, i % 100), "users/" + i);
                    }
                }
                Etl.connectionString(source, "target", "target", targetServer.url());
                // own collection plus a derived one: the derived documents live under id prefixes,
                // so a re-sent batch would duplicate them unless the prefix delete works
                String script = "loadToUsers({ Name: this.name }); loadToAges({ Age: this.age });";
                Etl.add(source, Etl.configuration("copy", "target", Etl.script("users", script, "Users")));
                long killAt = 10_000 + random.nextInt(60_000);
                await().atMost(Duration.ofMinutes(3)).until(() -> RavenEtlIT.count(target, "Users") >= killAt);
            }
            sourceServer.kill();
            long atKill = RavenEtlIT.count(target, "Users");
            assertThat(atKill).isLessThan(DOCUMENTS);
            sourceServer.restart();

            await().atMost(Duration.ofMinutes(5)).until(() -> RavenEtlIT.count(target, "Users") == DOCUMENTS
                    && RavenEtlIT.count(target, "Ages") == DOCUMENTS);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                    RavenEtlIT.count(target, "Users") == DOCUMENTS && RavenEtlIT.count(target, "Ages") == DOCUMENTS);
            verifyContent(target);
        }
    }

    private static void verifyContent(IDocumentStore target) {
        for (int from = 0; from < DOCUMENTS; from += 1_000) {
            List<String> ids = new ArrayList<>();
            for (int i = from; i < from + 1_000; i++) {
                ids.add("users/" + i);
            }
            try (IDocumentSession session = target.openSession()) {
                Map<String, ObjectNode> loaded = session.load(ObjectNode.class, ids);
                for (int i = from; i < from + 1_000; i++) {
                    ObjectNode user = loaded.get("users/" + i);
                    assertThat(user).as("users/%d", i).isNotNull();
                    assertThat(user.path("Name").asText()).isEqualTo("u" + i);
                }
            }
        }
    }
}
