package dev.corvid.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.e2e.CorvidProcess;
import dev.corvid.e2e.Order;
import dev.corvid.server.etl.transform.EtlScript;
import dev.corvid.server.etl.transform.ScriptKind;
import dev.corvid.server.etl.transform.ScriptRunner;
import dev.corvid.server.etl.transform.TransformOutcome;
import dev.corvid.server.storage.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.GetCollectionStatisticsOperation;
import net.ravendb.client.documents.operations.connectionStrings.PutConnectionStringOperation;
import net.ravendb.client.documents.operations.etl.AddEtlOperation;
import net.ravendb.client.documents.operations.etl.RavenConnectionString;
import net.ravendb.client.documents.operations.etl.RavenEtlConfiguration;
import net.ravendb.client.documents.operations.etl.Transformation;
import net.ravendb.client.documents.session.IDocumentSession;
import net.ravendb.client.serverwide.DatabaseRecord;
import net.ravendb.client.serverwide.operations.CreateDatabaseOperation;

/**
 * Raven ETL numbers, each against a baseline of the same run: ETL of N orders (empty script and an
 * orders → summaries + lines script) versus bulk insert of the same orders into a database (both
 * measured warm: the faster of two bulk inserts, the copy after a warm-up copy); the
 * script's transform stage versus the same transform in plain Java; change-to-destination latency
 * of single updates at light load. The server runs with a fixed heap of 512 MB ({@code -Xms512m -Xmx512m}).
 * Usage: {@code EtlBenchmark [orders=100000]}, {@code EtlBenchmark transform [orders]} for the transform stage
 * alone, {@code EtlBenchmark heap [orders=1000000]} for a large copy ETL in a server limited to 512 MB of heap.
 */
public final class EtlBenchmark {
    static final String RESHAPE = """
            var total = 0;
            for (var i = 0; i < this.lines.length; i++) {
                var line = this.lines[i];
                total += line.quantity * 10;
                loadToOrderLines({ Order: id(this), Product: line.product, Quantity: line.quantity });
            }
            loadToOrderSummaries({ Customer: this.customer, Lines: this.lines.length, Total: total });
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("transform")) {
            transformStage(args.length > 1 ? Integer.parseInt(args[1]) : 50_000);
            return;
        }
        if (args.length > 0 && args[0].equals("heap")) {
            heap(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
            return;
        }
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Files.createTempDirectory("corvid-etl-bench");
        System.out.printf(Locale.ROOT, "Corvid Raven ETL benchmark: %,d orders with 5 lines, %d cores%n",
                orders, Runtime.getRuntime().availableProcessors());
        try (CorvidProcess server = CorvidProcess.start(root)) {
            String url = server.url();
            for (String db : List.of("baseline", "source", "warm-up", "copy", "reshaped", "latency-src", "latency-dst")) {
                create(url, db);
            }
            double bulkFirst = timed(() -> bulkInsert(url, "baseline", orders));
            report("bulk insert into a database (baseline)", orders, bulkFirst);
            // the same work again, into the ETL's source: the faster of the two is the baseline (the first runs on a cold server)
            double bulkAgain = timed(() -> bulkInsert(url, "source", orders));
            report("bulk insert again, into the source (the faster one counts)", orders, bulkAgain);
            double bulk = Math.min(bulkFirst, bulkAgain);

            // warm-up, as the baseline's second run is warm: the copy path (extract, bulk_docs out and in) through the JIT once
            double warmUp = timed(() -> etl(url, "warm-up", "", "Orders", orders));
            report("(warm-up: the same copy ETL into another database, not compared)", orders, warmUp);
            double copy = timed(() -> etl(url, "copy", "", "Orders", orders));
            report("ETL, empty script (copy)", orders, copy);
            System.out.printf(Locale.ROOT, "  ratio ETL copy / bulk insert = %.2f (goal >= 0.8)%n", bulk / copy);

            double reshaped = timed(() -> etl(url, "reshaped", RESHAPE, "OrderSummaries", orders));
            report("ETL, reshaping script (orders -> summaries + lines)", orders, reshaped);
            System.out.printf(Locale.ROOT, "  ratio ETL reshape / bulk insert = %.2f%n", bulk / reshaped);

            latency(url);
        }
        transformStage(Math.min(orders, 50_000));
    }

    /** A large copy ETL in a server started with -Xmx512m: it must finish, and the heap stays small. */
    private static void heap(int orders) throws Exception {
        Path root = Files.createTempDirectory("corvid-etl-heap");
        try (CorvidProcess server = CorvidProcess.start(root)) {
            String url = server.url();
            create(url, "source");
            create(url, "copy");
            double insert = timed(() -> bulkInsert(url, "source", orders));
            report("bulk insert into the source", orders, insert);
            // warm-up, as the baseline's second run is warm: the copy path (extract, bulk_docs out and in) through the JIT once
            double warmUp = timed(() -> etl(url, "warm-up", "", "Orders", orders));
            report("(warm-up: the same copy ETL into another database, not compared)", orders, warmUp);
            double copy = timed(() -> etl(url, "copy", "", "Orders", orders));
            report("ETL, empty script (copy), server -Xmx512m", orders, copy);
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(server.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String heap = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            System.out.println("server heap after the run (jcmd GC.heap_info):");
            heap.lines().filter(l -> l.contains("total") || l.contains("used")).limit(3).forEach(l -> System.out.println("  " + l.trim()));
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void report(String what, int count, double seconds) {
        System.out.printf(Locale.ROOT, "%-55s %,10.0f orders/s (%.1f s)%n", what, count / seconds, seconds);
    }

    static Order order(int n) {
        Order order = new Order();
        order.setCustomer("customers/" + (n % 1000));
        for (int l = 0; l < 5; l++) {
            order.getLines().add(new Order.Line("products/" + ((n + l) % 500), 1 + (n + l) % 7));
        }
        return order;
    }

    private static void create(String url, String name) {
        try (IDocumentStore store = new DocumentStore(url, name)) {
            store.initialize();
            store.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord(name)));
        }
    }

    private static void bulkInsert(String url, String database, int orders) {
        try (IDocumentStore store = new DocumentStore(url, database); BulkInsertOperation bulk = store.initialize().bulkInsert()) {
            for (int i = 0; i < orders; i++) {
                bulk.store(order(i), "orders/" + i);
            }
        }
    }

    private static void etl(String url, String target, String script, String countedCollection, int expected) throws Exception {
        try (IDocumentStore source = new DocumentStore(url, "source"); IDocumentStore dest = new DocumentStore(url, target)) {
            source.initialize();
            dest.initialize();
            RavenConnectionString cs = new RavenConnectionString();
            cs.setName(target);
            cs.setDatabase(target);
            cs.setTopologyDiscoveryUrls(new String[] {url});
            source.maintenance().send(new PutConnectionStringOperation<>(cs));
            Transformation t = new Transformation();
            t.setName("orders");
            t.setCollections(Arrays.asList("Orders"));
            t.setScript(script);
            RavenEtlConfiguration etl = new RavenEtlConfiguration();
            etl.setName("to " + target);
            etl.setConnectionStringName(target);
            etl.setTransforms(List.of(t));
            source.maintenance().send(new AddEtlOperation<>(etl));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
            while (count(dest, countedCollection) < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("ETL to " + target + " did not finish in 20 minutes");
                }
                Thread.sleep(50);
            }
        }
    }

    private static long count(IDocumentStore store, String collection) {
        Long count = store.maintenance().send(new GetCollectionStatisticsOperation()).getCollections().get(collection);
        return count == null ? 0 : count;
    }

    /** Time from saveChanges() on the source to the document being readable on the destination. */
    private static void latency(String url) throws Exception {
        try (IDocumentStore source = new DocumentStore(url, "latency-src"); IDocumentStore dest = new DocumentStore(url, "latency-dst")) {
            source.initialize();
            dest.initialize();
            RavenConnectionString cs = new RavenConnectionString();
            cs.setName("dst");
            cs.setDatabase("latency-dst");
            cs.setTopologyDiscoveryUrls(new String[] {url});
            source.maintenance().send(new PutConnectionStringOperation<>(cs));
            Transformation t = new Transformation();
            t.setName("all");
            t.setCollections(Arrays.asList("Orders"));
            t.setScript("");
            RavenEtlConfiguration etl = new RavenEtlConfiguration();
            etl.setName("latency");
            etl.setConnectionStringName("dst");
            etl.setTransforms(List.of(t));
            source.maintenance().send(new AddEtlOperation<>(etl));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Order order = order(i);
                order.setCustomer("latency-" + i);
                try (IDocumentSession session = source.openSession()) {
                    session.store(order, "orders/1");
                    session.saveChanges();
                }
                long saved = System.nanoTime();
                while (true) {
                    try (IDocumentSession session = dest.openSession()) {
                        Order copy = session.load(Order.class, "orders/1");
                        if (copy != null && ("latency-" + i).equals(copy.getCustomer())) {
                            break;
                        }
                    }
                }
                if (i >= 20) {
                    millis.add((System.nanoTime() - saved) / 1e6);
                }
                Thread.sleep(20);
            }
            millis.sort(Double::compare);
            System.out.printf(Locale.ROOT, "change-to-destination latency, single updates: p50 %.1f ms, p99 %.1f ms (goal p99 < 50 ms)%n",
                    millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.99)));
        }
    }

    /**
     * The reshaping script's transform stage against the same transform in plain Java: one thread
     * each, and one runner per core (as an ETL process runs scripts) against Java on as many threads.
     */
    private static void transformStage(int orders) throws Exception {
        List<StoredDocument> documents = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            ObjectNode json = JSON.valueToTree(order(i));
            json.putObject("@metadata").put("@collection", "Orders").put("@id", "orders/" + i);
            documents.add(new StoredDocument("orders/" + i, "Orders", i + 1, "A:" + (i + 1) + "-x", Instant.now(), false,
                    JSON.writeValueAsBytes(json)));
        }
        EtlScript script = EtlScript.compile("orders", RESHAPE, ScriptKind.RAVEN);
        int cores = Runtime.getRuntime().availableProcessors();
        List<ScriptRunner> runners = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            runners.add(new ScriptRunner(script, Duration.ofSeconds(5)));
        }
        try {
            double cold = timed(() -> scriptSlice(runners.get(0), documents));
            report("transform stage, GraalJS script, 1 thread, first round (cold)", orders, cold);
            // The Graal JIT compiles the script in the background, on the same two cores, for a while:
            // warm both paths up until a round of the script is no faster than the best before it.
            int rounds = warmUp(() -> {
                inParallel(documents, runners.size(), (slice, worker) -> scriptSlice(runners.get(worker), slice));
                javaSlice(documents);
            });
            System.out.printf(Locale.ROOT, "  (steady after %d warm-up rounds; best of %d measured rounds below)%n", rounds, MEASURED_ROUNDS);
            double js1 = best(() -> scriptSlice(runners.get(0), documents));
            double java1 = best(() -> javaSlice(documents));
            double jsN = best(() -> inParallel(documents, cores, (slice, worker) -> scriptSlice(runners.get(worker), slice)));
            double javaN = best(() -> inParallel(documents, cores, (slice, worker) -> javaSlice(slice)));
            report("transform stage, GraalJS script, 1 thread", orders, js1);
            report("transform stage, plain Java, 1 thread", orders, java1);
            report("transform stage, GraalJS script, " + cores + " runners (as the process runs it)", orders, jsN);
            report("transform stage, plain Java, " + cores + " threads", orders, javaN);
            System.out.printf(Locale.ROOT, "  ratio script / plain Java: %.2f per thread; %.2f process (%d runners) vs 1-thread Java (goal >= 0.5)%n",
                    java1 / js1, java1 / jsN, cores);
        } finally {
            runners.forEach(ScriptRunner::close);
        }
    }

    private static final int MAX_WARM_UP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 3;

    /** Runs {@code round} until it stops getting faster (no new best for 3 rounds) or 30 rounds; returns how many ran. */
    private static int warmUp(Work round) throws Exception {
        double best = Double.MAX_VALUE;
        int sinceBest = 0;
        int rounds = 0;
        while (rounds < MAX_WARM_UP_ROUNDS && sinceBest < 3) {
            double seconds = timed(round);
            rounds++;
            if (seconds < best * 0.97) {
                best = seconds;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }
        return rounds;
    }

    /** The fastest of {@link #MEASURED_ROUNDS} runs: the machine is shared, so slower runs measure the neighbours. */
    private static double best(Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            best = Math.min(best, timed(work));
        }
        return best;
    }


    private interface SliceWork {
        void run(List<StoredDocument> slice, int worker) throws Exception;
    }

    private static void inParallel(List<StoredDocument> documents, int workers, SliceWork work) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        int size = (documents.size() + workers - 1) / workers;
        for (int w = 0; w < workers; w++) {
            int worker = w;
            List<StoredDocument> slice = documents.subList(Math.min(documents.size(), w * size), Math.min(documents.size(), (w + 1) * size));
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    work.run(slice, worker);
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void scriptSlice(ScriptRunner runner, List<StoredDocument> documents) {
        for (StoredDocument d : documents) {
            if (!(runner.transform(d, id -> Optional.empty()) instanceof TransformOutcome.Loaded)) {
                throw new IllegalStateException("script failed for " + d.id());
            }
        }
    }

    private static void javaSlice(List<StoredDocument> documents) throws Exception {
        for (StoredDocument d : documents) {
            javaTransform(d);
        }
    }

    private static List<ObjectNode> javaTransform(StoredDocument document) throws Exception {
        JsonNode order = JSON.readTree(document.json());
        List<ObjectNode> out = new ArrayList<>();
        long total = 0;
        for (JsonNode line : order.path("lines")) {
            total += line.path("quantity").asLong() * 10;
            ObjectNode l = JSON.createObjectNode();
            l.put("Order", document.id());
            l.put("Product", line.path("product").asText());
            l.put("Quantity", line.path("quantity").asInt());
            out.add(l);
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("Customer", order.path("customer").asText());
        summary.put("Lines", ((ArrayNode) order.path("lines")).size());
        summary.put("Total", total);
        out.add(summary);
        // the script path hands its output back as JSON text; do the same here for a fair comparison
        for (ObjectNode node : out) {
            JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
