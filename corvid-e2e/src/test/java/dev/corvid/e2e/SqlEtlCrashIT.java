package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the Corvid server in the middle of a 100k-document SQL ETL into PostgreSQL, five times:
 * every round rewrites all documents with a new version and kills the server while their rows are
 * being loaded (rounds whose load finished before the kill do not count). Afterwards the delete-then-insert table holds exactly one row per document, and the
 * insert-only table exactly one row per document and version — nothing lost, nothing twice.
 */
class SqlEtlCrashIT {
    private static final int DOCUMENTS = 100_000;
    private static final int KILLS = 5;

    @Test
    void killNineDuringSqlEtlNeitherLosesNorDuplicatesRows() throws Exception {
        long seed = Long.getLong("corvid.crash.seed", System.nanoTime());
        System.out.println("SqlEtlCrashIT seed " + seed);
        Random random = new Random(seed);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String items = "crash_items_" + suffix;
        String history = "crash_history_" + suffix;
        SqlEtl.execute("CREATE TABLE \"" + items + "\" (\"DocId\" varchar(50), \"Version\" int)");
        SqlEtl.execute("CREATE INDEX ON \"" + items + "\" (\"DocId\")");
        SqlEtl.execute("CREATE TABLE \"" + history + "\" (\"DocId\" varchar(50), \"Version\" int)");
        Path root = Files.createTempDirectory("corvid-sql-crash");
        try (CorvidProcess server = CorvidProcess.start(root)) {
            try (IDocumentStore source = RavenEtlFailoverIT.database(server, "source")) {
                writeAll(source, 0);
                SqlEtl.connectionString(source, "pg", "Npgsql", SqlEtl.POSTGRES);
                String script = "loadTo('" + items + "', { Version: this.version }); loadTo('" + history + "', { Version: this.version });";
                SqlEtl.add(source, SqlEtl.configuration("crash", "pg",
                        List.of(SqlEtl.table(items, "DocId", false), SqlEtl.table(history, "DocId", true)), script, "Items"));
                awaitRound(items, history, 0);
            }
            int midLoadKills = 0;
            for (int round = 1; midLoadKills < KILLS; round++) {
                assertThat(round).as("rounds needed to kill %d times in the middle of a load", KILLS).isLessThanOrEqualTo(3 * KILLS);
                long roundStart = System.nanoTime();
                try (IDocumentStore source = new DocumentStore(server.url(), "source").initialize()) {
                    writeAll(source, round);
                }
                long killAt = 5_000 + random.nextInt(70_000);
                int version = round;
                await().atMost(Duration.ofMinutes(2)).until(() -> loadedAt(items, version) >= killAt);
                server.kill();
                if (loadedAt(items, version) < DOCUMENTS) {
                    midLoadKills++;
                }
                System.out.printf("round %d: killed with %d of %d rows at the new version (%d ms into the round)%n", round,
                        loadedAt(items, version), DOCUMENTS, (System.nanoTime() - roundStart) / 1_000_000);
                server.restart();
                awaitRound(items, history, round);
                System.out.printf("round %d done after %d ms%n", round, (System.nanoTime() - roundStart) / 1_000_000);
            }
        } finally {
            SqlEtl.execute("DROP TABLE IF EXISTS \"" + items + "\"");
            SqlEtl.execute("DROP TABLE IF EXISTS \"" + history + "\"");
        }
    }

    /** A document of collection {@code Items}. */
    public static final class Item {
        private int version;

        public Item() {
        }

        Item(int version) {
            this.version = version;
        }

        public int getVersion() {
            return version;
        }

        public void setVersion(int version) {
            this.version = version;
        }
    }

    private static void writeAll(IDocumentStore source, int version) {
        try (BulkInsertOperation bulk = source.bulkInsert()) {
            for (int i = 0; i < DOCUMENTS; i++) {
                bulk.store(new Item(version), "items/" + i);
            }
        }
    }

    private static long loadedAt(String items, int version) {
        return SqlEtl.queryLong("SELECT COUNT(*) FROM \"" + items + "\" WHERE \"Version\" = " + version);
    }

    private static void awaitRound(String items, String history, int version) {
        long expectedHistory = (long) DOCUMENTS * (version + 1);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> loadedAt(items, version) == DOCUMENTS
                        && SqlEtl.queryLong("SELECT COUNT(*) FROM \"" + history + "\"") >= expectedHistory);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() ->
                SqlEtl.queryLong("SELECT COUNT(*) FROM \"" + history + "\"") == expectedHistory);
        assertThat(SqlEtl.queryLong("SELECT COUNT(*) FROM \"" + items + "\"")).as("one row per document").isEqualTo(DOCUMENTS);
        assertThat(SqlEtl.queryLong("SELECT COUNT(DISTINCT \"DocId\") FROM \"" + items + "\"")).isEqualTo(DOCUMENTS);
        assertThat(SqlEtl.queryLong("SELECT COUNT(*) FROM (SELECT \"DocId\", \"Version\" FROM \"" + history
                + "\" GROUP BY \"DocId\", \"Version\" HAVING COUNT(*) <> 1) dup")).as("each version exactly once").isZero();
        assertThat(SqlEtl.queryLong("SELECT COUNT(*) FROM \"" + history + "\" WHERE \"Version\" = " + version)).isEqualTo(DOCUMENTS);
    }
}
