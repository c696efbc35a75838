package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.DatabaseStatistics;
import net.ravendb.client.documents.operations.GetStatisticsOperation;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.serverwide.DatabaseRecord;
import net.ravendb.client.serverwide.operations.CreateDatabaseOperation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a server that is bulk-inserting and saving sessions, at seeded random moments. After
 * each restart every acknowledged write is there, the store opens cleanly, and etags keep increasing.
 */
class CrashIT {
    private static final int ROUNDS = 10;

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        long seed = Long.getLong("corvid.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("CrashIT seed " + seed + " (rerun with -Dcorvid.crash.seed=" + seed + ")");
        Path root = Files.createTempDirectory("corvid-crash");
        CorvidProcess server = CorvidProcess.start(root);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        long highestEtagSeen = 0;
        try {
            try (IDocumentStore admin = new DocumentStore(server.url(), "crash")) {
                admin.initialize();
                admin.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord("crash")));
            }
            for (int round = 0; round < ROUNDS; round++) {
                int killAfter = 20 + random.nextInt(400);
                runWritersAndKill(server, round, killAfter, acknowledged);
                server.restart();
                highestEtagSeen = verify(server, acknowledged, highestEtagSeen, "seed " + seed + ", round " + round);
            }
        } finally {
            server.close();
        }
        assertThat(acknowledged.size()).isGreaterThan(ROUNDS * 20);
    }

    private static void runWritersAndKill(CorvidProcess server, int round, int killAfter, Set<String> acknowledged)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acks = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> {
                try (IDocumentStore store = new DocumentStore(server.url(), "crash")) {
                    store.initialize();
                    for (int n = 0; !stop.get(); n++) {
                        String id = "sessions/" + round + "-" + writer + "-" + n;
                        try (IDocumentSession session = store.openSession()) {
                            session.store(new User(id, n), id);
                            session.saveChanges();
                        }
                        acknowledged.add(id);
                        acks.incrementAndGet();
                    }
                } catch (RuntimeException expectedWhenKilled) {
                    // the server died under us; only acknowledged ids count
                }
            }));
        }
        writers.add(Thread.ofPlatform().start(() -> {
            try (IDocumentStore store = new DocumentStore(server.url(), "crash")) {
                store.initialize();
                for (int batch = 0; !stop.get(); batch++) {
                    List<String> ids = new ArrayList<>();
                    try (BulkInsertOperation bulk = store.bulkInsert()) {
                        for (int i = 0; i < 500; i++) {
                            String id = "bulk/" + round + "-" + batch + "-" + i;
                            bulk.store(new User(id, i), id);
                            ids.add(id);
                        }
                    }
                    acknowledged.addAll(ids);
                    acks.addAndGet(ids.size() / 50);
                }
            } catch (RuntimeException expectedWhenKilled) {
                // as above
            }
        }));
        Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> acks.get() >= killAfter);
        server.kill();
        stop.set(true);
        for (Thread writer : writers) {
            writer.join(60_000);
        }
    }

    private static long verify(CorvidProcess server, Set<String> acknowledged, long highestEtagSeen, String context) {
        try (IDocumentStore store = new DocumentStore(server.url(), "crash")) {
            store.initialize();
            List<String> ids = new ArrayList<>(acknowledged);
            long maxEtag = 0;
            for (int from = 0; from < ids.size(); from += 500) {
                try (IDocumentSession session = store.openSession()) {
                    Map<String, User> loaded = session.load(User.class, ids.subList(from, Math.min(ids.size(), from + 500)));
                    for (Map.Entry<String, User> entry : loaded.entrySet()) {
                        assertThat(entry.getValue()).as("%s: acknowledged %s is missing", context, entry.getKey()).isNotNull();
                        assertThat(entry.getValue().getName()).isEqualTo(entry.getKey());
                        maxEtag = Math.max(maxEtag, etagOf(session.advanced().getChangeVectorFor(entry.getValue())));
                    }
                }
            }
            DatabaseStatistics stats = store.maintenance().send(new GetStatisticsOperation());
            assertThat(stats.getCountOfDocuments()).as(context).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(stats.getLastDocEtag()).as(context).isGreaterThanOrEqualTo(Math.max(maxEtag, highestEtagSeen));
            String probe = "probe/" + System.nanoTime();
            try (IDocumentSession session = store.openSession()) {
                User user = new User(probe, 0);
                session.store(user, probe);
                session.saveChanges();
                long probeEtag = etagOf(session.advanced().getChangeVectorFor(user));
                assertThat(probeEtag).as("%s: etags keep increasing after restart", context)
                        .isGreaterThan(stats.getLastDocEtag());
                return probeEtag;
            }
        }
    }

    private static long etagOf(String changeVector) {
        String afterColon = changeVector.substring(changeVector.indexOf(':') + 1);
        return Long.parseLong(afterColon.substring(0, afterColon.indexOf('-')));
    }
}
