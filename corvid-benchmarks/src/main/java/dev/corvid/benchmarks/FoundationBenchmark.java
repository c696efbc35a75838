package dev.corvid.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.e2e.CorvidProcess;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StorageOptions;
import dev.corvid.server.storage.WriteTxn;
import dev.corvid.server.storage.lmdb.LmdbStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.GetStatisticsOperation;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.serverwide.DatabaseRecord;
import net.ravendb.client.serverwide.operations.CreateDatabaseOperation;

/**
 * The foundation's numbers, each against a baseline measured in the same run:
 * <ol>
 *   <li>bulk insert of N ~1 KB documents through the official client into a server running with
 *       {@code -Xmx512m}, versus the raw storage engine loading the same documents in-process;</li>
 *   <li>single-document durable {@code saveChanges} with 1 and with 16 concurrent clients;</li>
 *   <li>etag scan of a collection.</li>
 * </ol>
 * Usage: {@code FoundationBenchmark [documents=1000000]}.
 */
public final class FoundationBenchmark {
    private static final int STORAGE_BATCH = 2_000;

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Files.createTempDirectory("corvid-bench");
        System.out.printf(Locale.ROOT, "Corvid foundation benchmark: %,d documents of ~%d bytes, %d cores, data in %s%n",
                documents, docSize(), Runtime.getRuntime().availableProcessors(), root);

        double raw = rawStorageLoad(root.resolve("raw"), documents);
        report("raw storage load (in-process, durable batches of " + STORAGE_BATCH + ")", documents, raw);

        try (CorvidProcess server = CorvidProcess.start(root)) {
            createDatabase(server.url(), "bench");
            double bulk = clientBulkInsert(server.url(), documents);
            report("bulk insert via official client (server -Xmx512m)", documents, bulk);
            System.out.printf(Locale.ROOT, "  ratio bulk insert / raw storage = %.2f (goal >= 0.5)%n", raw / bulk);

            double one = saveChangesRate(server.url(), 1, 2_000);
            double sixteen = saveChangesRate(server.url(), 16, 500);
            System.out.printf(Locale.ROOT, "single-document saveChanges, 1 client:   %,.0f saves/s%n", one);
            System.out.printf(Locale.ROOT, "single-document saveChanges, 16 clients: %,.0f saves/s (%.1fx, group commit)%n",
                    sixteen, sixteen / one);
        }

        double scan = etagScan(root.resolve("raw"));
        System.out.printf(Locale.ROOT, "etag scan of a collection (warm, parse-free): %,.0f docs/s%n", scan);
    }

    private static int docSize() throws Exception {
        return new ObjectMapper().writeValueAsBytes(Customer.number(1)).length;
    }

    private static void report(String what, int documents, double seconds) {
        System.out.printf(Locale.ROOT, "%-60s %,10.0f docs/s (%.1f s)%n", what, documents / seconds, seconds);
    }

    /** Seconds to load the documents straight into LMDB through the same merged writer the server uses. */
    private static double rawStorageLoad(Path folder, int documents) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (LmdbStorage storage = LmdbStorage.open(StorageOptions.at(folder))) {
            long start = System.nanoTime();
            CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
            for (int from = 0; from < documents; from += STORAGE_BATCH) {
                List<ObjectNode> batch = new ArrayList<>(STORAGE_BATCH);
                int first = from;
                for (int i = from; i < Math.min(documents, from + STORAGE_BATCH); i++) {
                    // Same work as the server: JSON text in, parsed tree, metadata added, stored.
                    ObjectNode node = (ObjectNode) mapper.readTree(mapper.writeValueAsBytes(Customer.number(i)));
                    node.putObject("@metadata").put("@collection", "Customers");
                    batch.add(node);
                }
                inFlight.join();
                inFlight = storage.submit((WriteTxn w) -> {
                    for (int i = 0; i < batch.size(); i++) {
                        w.put("customers/" + (first + i + 1) + "-A", batch.get(i));
                    }
                    return null;
                });
            }
            inFlight.join();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void createDatabase(String url, String name) {
        try (IDocumentStore store = new DocumentStore(url, name)) {
            store.initialize();
            store.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord(name)));
        }
    }

    private static double clientBulkInsert(String url, int documents) {
        try (IDocumentStore store = new DocumentStore(url, "bench")) {
            store.initialize();
            long start = System.nanoTime();
            try (BulkInsertOperation bulk = store.bulkInsert()) {
                for (int i = 0; i < documents; i++) {
                    bulk.store(Customer.number(i));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = store.maintenance().send(new GetStatisticsOperation()).getCountOfDocuments();
            if (count != documents) {
                throw new IllegalStateException("expected " + documents + " documents, the server counts " + count);
            }
            return seconds;
        }
    }

    private static double saveChangesRate(String url, int clients, int savesPerClient) throws Exception {
        try (IDocumentStore store = new DocumentStore(url, "bench")) {
            store.initialize();
            AtomicLong saves = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < savesPerClient; i++) {
                        try (IDocumentSession session = store.openSession()) {
                            session.store(Customer.number(i), "single/" + clients + "-" + client + "-" + i);
                            session.saveChanges();
                        }
                        saves.incrementAndGet();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            return saves.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double etagScan(Path folder) {
        try (LmdbStorage storage = LmdbStorage.open(StorageOptions.at(folder))) {
            long[] count = new long[1];
            storage.read((ReadTxn r) -> {
                r.forEachDocument(0, Optional.of("Customers"), d -> ++count[0] > 0);
                return null;
            });
            count[0] = 0;
            long start = System.nanoTime();
            storage.read((ReadTxn r) -> {
                r.forEachDocument(0, Optional.of("Customers"), d -> ++count[0] > 0);
                return null;
            });
            return count[0] / ((System.nanoTime() - start) / 1e9);
        }
    }
}
