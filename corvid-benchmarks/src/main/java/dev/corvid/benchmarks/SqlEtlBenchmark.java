package dev.corvid.benchmarks;

import dev.corvid.e2e.CorvidProcess;
import dev.corvid.e2e.Order;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import net.ravendb.client.documents.BulkInsertOperation;
import net.ravendb.client.documents.DocumentStore;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.GetStatisticsOperation;
import net.ravendb.client.documents.operations.connectionStrings.PutConnectionStringOperation;
import net.ravendb.client.documents.operations.etl.AddEtlOperation;
import net.ravendb.client.documents.operations.etl.ResetEtlOperation;
import net.ravendb.client.documents.operations.etl.Transformation;
import net.ravendb.client.documents.operations.etl.sql.SqlConnectionString;
import net.ravendb.client.documents.operations.etl.sql.SqlEtlConfiguration;
import net.ravendb.client.documents.operations.etl.sql.SqlEtlTable;
import net.ravendb.client.serverwide.DatabaseRecord;
import net.ravendb.client.serverwide.operations.CreateDatabaseOperation;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * SQL ETL throughput against the machine's PostgreSQL and MariaDB, each against baselines measured
 * by this benchmark in the same run on the same rows: N orders → N rows in Orders + 5N rows in
 * OrderLines (tables without primary key, indexed on the document id column).
 * <ul>
 *   <li>PostgreSQL: one {@code COPY} of all rows in one transaction; batched JDBC inserts (batches of
 *       1000, {@code reWriteBatchedInserts}); SQL ETL of new documents into empty tables (no deletes
 *       needed); SQL ETL re-sending the same documents (reset: every batch deletes the previous rows
 *       first).</li>
 *   <li>MariaDB: {@code LOAD DATA LOCAL INFILE} of all rows; SQL ETL of new documents.</li>
 * </ul>
 * The baseline and the ETL runs alternate in {@value #ROUNDS} rounds, each phase after a database
 * checkpoint, and the median of the rounds' ratios counts: the databases' speed drifts by ±30% over
 * a run on this disk (WAL recycling, checkpoints, MariaDB's purge), and a ratio must compare phases
 * that ran side by side. Before the first round the benchmark waits until the server has finished
 * compiling after the warm-up, so that no baseline runs beside Corvid's JIT.
 * The Corvid server runs with a fixed heap of 512 MB ({@code -Xms512m -Xmx512m}). Usage: {@code SqlEtlBenchmark [orders=200000] [pg|mariadb|load-stage]}:
 * both databases by default, or one of them, or the loader alone.
 */
public final class SqlEtlBenchmark {
    static final String SCRIPT = """
            var total = 0;
            for (var i = 0; i < this.lines.length; i++) {
                var line = this.lines[i];
                total += line.quantity * 10;
                loadToOrderLines({ Product: line.product, Quantity: line.quantity });
            }
            loadToOrders({ Customer: this.customer, Total: total });
            """;
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final int LINES = 5;
    private static final int ROUNDS = 3;

    private interface Work {
        void run() throws Exception;
    }

    private record Target(String name, String url, String user, String quote, String factoryName, String connectionString) {
        String q(String identifier) {
            return quote + identifier + quote;
        }

        Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", "");
            properties.setProperty("reWriteBatchedInserts", "true");
            properties.setProperty("allowLocalInfile", "true");
            return DriverManager.getConnection(url, properties);
        }
    }

    private static final Target POSTGRES = new Target("PostgreSQL", PG_URL, "postgres", "\"", "Npgsql",
            "Host=127.0.0.1;Port=5432;Database=test;Username=postgres");
    private static final Target MARIADB = new Target("MariaDB", MARIADB_URL, "root", "`", "MySqlConnector",
            "Server=127.0.0.1;Port=3306;Database=test;Uid=root");

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        long rows = (long) orders * (1 + LINES);
        if (args.length > 1 && args[1].equals("load-stage")) {
            // only the loader, fed in this JVM: for profiling the sink without a server
            for (Target target : List.of(POSTGRES, MARIADB)) {
                recreateTables(target);
                report(target.name() + ": load stage alone, new documents", rows, timed(() -> sinkOnly(target, orders)));
                report(target.name() + ": load stage alone, re-sent documents", rows, timed(() -> sinkOnly(target, orders)));
                dropTables(target);
            }
            return;
        }
        boolean postgres = args.length < 2 || args[1].equals("pg");
        boolean mariadb = args.length < 2 || args[1].equals("mariadb");
        Path root = Files.createTempDirectory("corvid-sql-bench");
        System.out.printf(Locale.ROOT, "Corvid SQL ETL benchmark: %,d orders -> %,d rows (Orders + OrderLines), %d cores%n",
                orders, rows, Runtime.getRuntime().availableProcessors());
        try (CorvidProcess server = CorvidProcess.start(root)) {
            cpu = new CpuMeter(server.pid());
            String url = server.url();
            try (IDocumentStore store = new DocumentStore(url, "shop").initialize()) {
                store.maintenance().server().send(new CreateDatabaseOperation(new DatabaseRecord("shop")));
                try (BulkInsertOperation bulk = store.bulkInsert()) {
                    for (int i = 0; i < orders; i++) {
                        bulk.store(EtlBenchmark.order(i), "orders/" + i);
                    }
                }
                long lastEtag = store.maintenance().send(new GetStatisticsOperation()).getLastDocEtag();

                // warm-up: the server's script engine and JIT, and the database's caches, as in a running system
                Target warmUpTarget = postgres ? POSTGRES : MARIADB;
                recreateTables(warmUpTarget);
                double warmUp = timed(() -> etl(store, warmUpTarget, "warm-up", lastEtag, false));
                report("(warm-up: SQL ETL into " + warmUpTarget.name() + ", not compared)", rows, warmUp);
                double idle = cpu.awaitCorvidIdle(Duration.ofSeconds(60));
                System.out.printf(Locale.ROOT, "(the server finished compiling %.0f s after the warm-up)%n", idle);
                if (postgres) {
                    postgres(store, orders, rows, lastEtag);
                }
                if (mariadb) {
                    mariadb(store, orders, rows, lastEtag);
                }
            }
        } finally {
            dropTables(POSTGRES);
            dropTables(MARIADB);
        }
    }

    private static void postgres(IDocumentStore store, int orders, long rows, long lastEtag) throws Exception {
        recreateTables(POSTGRES);
        double batched = timed(() -> jdbcBatchBaseline(POSTGRES, orders));
        report("PostgreSQL: batched JDBC inserts", rows, batched);
        Ratios ratios = rounds(store, POSTGRES, "pg", "one COPY", () -> copyBaseline(orders), true, rows, lastEtag);
        System.out.printf(Locale.ROOT, "  median of %d rounds: ETL new / COPY = %.2f, ETL re-sent / COPY = %.2f (goal >= 0.7); "
                + "ETL new / JDBC batch = %.2f%n", ROUNDS, ratios.fresh(), ratios.resent(), batched / ratios.etlNewSeconds());
        recreateTables(POSTGRES);
        double sinkNew = timed(() -> sinkOnly(POSTGRES, orders));
        report("PostgreSQL: SQL ETL load stage alone, new documents", rows, sinkNew);
        double sinkResent = timed(() -> sinkOnly(POSTGRES, orders));
        report("PostgreSQL: SQL ETL load stage alone, re-sent documents", rows, sinkResent);
        verify(POSTGRES, orders);
        System.out.printf(Locale.ROOT, "  ratios: load stage new / COPY = %.2f, re-sent / COPY = %.2f (against the median COPY)%n",
                ratios.baselineSeconds() / sinkNew, ratios.baselineSeconds() / sinkResent);
    }

    private static void mariadb(IDocumentStore store, int orders, long rows, long lastEtag) throws Exception {
        Ratios ratios = rounds(store, MARIADB, "maria", "LOAD DATA LOCAL INFILE", () -> loadDataBaseline(orders), false, rows, lastEtag);
        double mariaResent = timed(() -> etl(store, MARIADB, "maria", lastEtag, true));
        report("MariaDB: SQL ETL, re-sent documents (delete + insert)", rows, mariaResent);
        verify(MARIADB, orders);
        System.out.printf(Locale.ROOT, "  median of %d rounds: ETL new / LOAD DATA = %.2f (goal >= 0.7); ETL re-sent / LOAD DATA = %.2f (once)%n",
                ROUNDS, ratios.fresh(), ratios.baselineSeconds() / mariaResent);
        recreateTables(MARIADB);
        double mariaSinkNew = timed(() -> sinkOnly(MARIADB, orders));
        report("MariaDB: SQL ETL load stage alone, new documents", rows, mariaSinkNew);
        double mariaSinkResent = timed(() -> sinkOnly(MARIADB, orders));
        report("MariaDB: SQL ETL load stage alone, re-sent documents", rows, mariaSinkResent);
        verify(MARIADB, orders);
        System.out.printf(Locale.ROOT, "  ratios: load stage new / LOAD DATA = %.2f, re-sent / LOAD DATA = %.2f (against the median LOAD DATA)%n",
                ratios.baselineSeconds() / mariaSinkNew, ratios.baselineSeconds() / mariaSinkResent);
    }

    /** Medians over the rounds: ratios are baseline seconds / ETL seconds, so above 1 means the ETL was faster. */
    private record Ratios(double fresh, double resent, double baselineSeconds, double etlNewSeconds) {
    }

    /**
     * {@link #ROUNDS} rounds of: the baseline into empty tables, the SQL ETL of new documents into empty
     * tables, and (when asked) the SQL ETL re-sending them over their rows. Each phase starts after a
     * checkpoint of the database, so no phase pays for the WAL or dirty pages of the one before, and the
     * ratio of each round compares phases that ran a minute apart: the database's speed on this disk
     * drifts by ±30% over a run.
     */
    private static Ratios rounds(IDocumentStore store, Target target, String name, String baselineName, Work baseline,
                                 boolean resent, long rows, long lastEtag) throws Exception {
        double[] fresh = new double[ROUNDS];
        double[] resentRatios = new double[ROUNDS];
        double[] baselines = new double[ROUNDS];
        double[] etlNew = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            String prefix = String.format(Locale.ROOT, "%s round %d: ", target.name(), round + 1);
            recreateTables(target);
            checkpoint(target);
            baselines[round] = timed(baseline);
            report(prefix + baselineName + " (baseline)", rows, baselines[round]);
            recreateTables(target);
            checkpoint(target);
            boolean taskExists = round > 0; // later rounds reset the task: empty tables and no checkpoint, as for a new task
            etlNew[round] = timed(() -> etl(store, target, name, lastEtag, taskExists));
            report(prefix + "SQL ETL, new documents", rows, etlNew[round]);
            fresh[round] = baselines[round] / etlNew[round];
            if (resent) {
                checkpoint(target);
                double seconds = timed(() -> etl(store, target, name, lastEtag, true));
                report(prefix + "SQL ETL, re-sent documents (delete + insert)", rows, seconds);
                resentRatios[round] = baselines[round] / seconds;
            }
            verify(target, orders(rows));
            System.out.printf(Locale.ROOT, "  round %d ratios: ETL new = %.2f%s%n", round + 1, fresh[round],
                    resent ? String.format(Locale.ROOT, ", ETL re-sent = %.2f", resentRatios[round]) : "");
        }
        return new Ratios(median(fresh), resent ? median(resentRatios) : Double.NaN, median(baselines), median(etlNew));
    }

    private static int orders(long rows) {
        return (int) (rows / (1 + LINES));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** PostgreSQL: a CHECKPOINT, so the next phase starts with no dirty pages and recycled WAL; MariaDB: nothing to do. */
    private static void checkpoint(Target target) throws SQLException {
        if (target == POSTGRES) {
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
    }

    /** Set once the server runs; {@link #timed} then reports the CPU each phase took. */
    private static CpuMeter cpu = new CpuMeter(-1);
    private static CpuMeter.Reading lastCpu;

    private static double timed(Work work) throws Exception {
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(200); // a closed connection's PostgreSQL backend is counted once the postmaster has reaped it
        lastCpu = cpu.read().minus(before);
        return seconds;
    }

    private static void report(String what, long rows, double seconds) {
        System.out.printf(Locale.ROOT, "%-58s %,10.0f rows/s (%.1f s; %s)%n", what, rows / seconds, seconds, lastCpu);
        if (what.contains("ETL")) {
            System.out.printf(Locale.ROOT, "  Corvid CPU by thread: %s%n", lastCpu.corvidByThread());
        }
    }

    private static void recreateTables(Target target) throws SQLException {
        dropTables(target);
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + target.q("bench_orders") + " (" + target.q("Id") + " VARCHAR(50), "
                    + target.q("Customer") + " VARCHAR(50), " + target.q("Total") + " BIGINT)");
            s.execute("CREATE INDEX bench_orders_id ON " + target.q("bench_orders") + " (" + target.q("Id") + ")");
            s.execute("CREATE TABLE " + target.q("bench_lines") + " (" + target.q("OrderId") + " VARCHAR(50), "
                    + target.q("Product") + " VARCHAR(50), " + target.q("Quantity") + " INT)");
            s.execute("CREATE INDEX bench_lines_id ON " + target.q("bench_lines") + " (" + target.q("OrderId") + ")");
        }
    }

    private static boolean exists(Connection c, String table) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void dropTables(Target target) {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + target.q("bench_orders"));
            s.execute("DROP TABLE IF EXISTS " + target.q("bench_lines"));
            if (exists(c, "corvid_etl_state")) {
                s.execute("DELETE FROM corvid_etl_state WHERE task_name LIKE 'bench %'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows SQL ETL produces for order {@code i}, as the baselines write them. */
    private static String[][] rowsOf(int i) {
        Order order = EtlBenchmark.order(i);
        String[][] rows = new String[1 + LINES][];
        long total = 0;
        for (int l = 0; l < LINES; l++) {
            Order.Line line = order.getLines().get(l);
            total += line.getQuantity() * 10L;
            rows[1 + l] = new String[] {"orders/" + i, line.getProduct(), Integer.toString(line.getQuantity())};
        }
        rows[0] = new String[] {"orders/" + i, order.getCustomer(), Long.toString(total)};
        return rows;
    }

    private static void copyBaseline(int orders) throws Exception {
        try (Connection c = POSTGRES.connect()) {
            c.setAutoCommit(false);
            copy(c, "COPY \"bench_orders\" (\"Id\", \"Customer\", \"Total\") FROM STDIN (FORMAT csv)", orders, true);
            copy(c, "COPY \"bench_lines\" (\"OrderId\", \"Product\", \"Quantity\") FROM STDIN (FORMAT csv)", orders, false);
            c.commit();
        }
    }

    private static void copy(Connection c, String sql, int orders, boolean orderRows) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 18);
        for (int i = 0; i < orders; i++) {
            String[][] rows = rowsOf(i);
            for (int r = orderRows ? 0 : 1; r < (orderRows ? 1 : rows.length); r++) {
                chunk.writeBytes(("\"" + String.join("\",\"", rows[r]) + "\"\n").getBytes(StandardCharsets.UTF_8));
            }
            if (chunk.size() > (1 << 18)) {
                copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                chunk.reset();
            }
        }
        copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
        copy.endCopy();
    }

    private static void jdbcBatchBaseline(Target target, int orders) throws SQLException {
        try (Connection c = target.connect();
             PreparedStatement o = c.prepareStatement("INSERT INTO " + target.q("bench_orders") + " VALUES (?, ?, ?)");
             PreparedStatement l = c.prepareStatement("INSERT INTO " + target.q("bench_lines") + " VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < orders; i++) {
                String[][] rows = rowsOf(i);
                o.setString(1, rows[0][0]);
                o.setString(2, rows[0][1]);
                o.setLong(3, Long.parseLong(rows[0][2]));
                o.addBatch();
                for (int r = 1; r < rows.length; r++) {
                    l.setString(1, rows[r][0]);
                    l.setString(2, rows[r][1]);
                    l.setInt(3, Integer.parseInt(rows[r][2]));
                    l.addBatch();
                }
                if ((i + 1) % 1000 == 0) {
                    o.executeBatch();
                    l.executeBatch();
                }
                if ((i + 1) % 8192 == 0) {
                    c.commit();
                }
            }
            o.executeBatch();
            l.executeBatch();
            c.commit();
        }
    }

    private static void loadDataBaseline(int orders) throws Exception {
        try (Connection c = MARIADB.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (boolean orderRows : new boolean[] {true, false}) {
                ByteArrayOutputStream tsv = new ByteArrayOutputStream();
                for (int i = 0; i < orders; i++) {
                    String[][] rows = rowsOf(i);
                    for (int r = orderRows ? 0 : 1; r < (orderRows ? 1 : rows.length); r++) {
                        tsv.writeBytes((String.join("\t", rows[r]) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new ByteArrayInputStream(tsv.toByteArray()));
                s.execute("LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE " + (orderRows ? "bench_orders" : "bench_lines"));
            }
            c.commit();
        }
    }

    /** Adds a task (or resets it, to re-send everything) and waits until the target's checkpoint reaches the last etag. */
    private static void etl(IDocumentStore store, Target target, String name, long lastEtag, boolean resend) throws Exception {
        String taskName = "bench " + name;
        if (resend) {
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM corvid_etl_state WHERE task_name = '" + taskName + "'");
            }
            store.maintenance().send(new ResetEtlOperation(taskName, "orders"));
        } else {
            SqlConnectionString cs = new SqlConnectionString();
            cs.setName(name);
            cs.setFactoryName(target.factoryName());
            cs.setConnectionString(target.connectionString());
            store.maintenance().send(new PutConnectionStringOperation<>(cs));
            Transformation t = new Transformation();
            t.setName("orders");
            t.setCollections(Arrays.asList("Orders"));
            t.setScript(SCRIPT.replace("loadToOrderLines(", "loadTo('bench_lines', ").replace("loadToOrders(", "loadTo('bench_orders', "));
            SqlEtlConfiguration etl = new SqlEtlConfiguration();
            etl.setName(taskName);
            etl.setConnectionStringName(name);
            etl.setParameterizeDeletes(true);
            etl.setQuoteTables(true);
            etl.setSqlTables(List.of(table("bench_orders", "Id"), table("bench_lines", "OrderId")));
            etl.setTransforms(List.of(t));
            store.maintenance().send(new AddEtlOperation<>(etl));
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
        // one connection for all the polls: a new PostgreSQL connection per poll forks a backend, and
        // 20 of them a second cost the database more CPU than the ETL's own statements
        try (Connection poll = target.connect()) {
            poll.setAutoCommit(true);
            while (checkpoint(poll, taskName) < lastEtag) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("SQL ETL to " + target.name() + " did not finish in 20 minutes");
                }
                Thread.sleep(50);
            }
        }
        stages(store, taskName);
    }

    /** Where the time went, from the task's batch reports: transform and load are pipelined, so they overlap. */
    private static void stages(IDocumentStore store, String taskName) throws Exception {
        String url = store.getUrls()[0] + "/databases/" + store.getDatabase() + "/etl/performance?name="
                + java.net.URLEncoder.encode(taskName, StandardCharsets.UTF_8);
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            com.fasterxml.jackson.databind.JsonNode batches = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)
                    .path("Results").path(0).path("Performance");
            long transform = 0;
            long load = 0;
            for (com.fasterxml.jackson.databind.JsonNode b : batches) {
                transform += b.path("Details").path("TransformDurationInMs").asLong();
                load += b.path("Details").path("LoadDurationInMs").asLong();
            }
            StringBuilder tables = new StringBuilder();
            String stats = store.getUrls()[0] + "/databases/" + store.getDatabase() + "/etl/debug/stats?name="
                    + java.net.URLEncoder.encode(taskName, StandardCharsets.UTF_8);
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(stats)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                    .path("Results").path(0).path("Metrics").path("Tables").properties().forEach(table -> tables.append(
                            String.format(Locale.ROOT, "; %s: write %.1f s, delete %.1f s", table.getKey(),
                                    table.getValue().path("WriteDurationInMs").asLong() / 1e3,
                                    table.getValue().path("DeleteDurationInMs").asLong() / 1e3)));
            System.out.printf(Locale.ROOT, "    (last %d batches: transform %.1f s, load %.1f s%s; since the task started)%n",
                    batches.size(), transform / 1e3, load / 1e3, tables);
        }
    }

    /**
     * Corvid's SQL ETL sink on its own, in this JVM, fed the rows the script would produce, in batches
     * of the ETL's default size: what the loader achieves when the script is not the bottleneck.
     */
    private static void sinkOnly(Target target, int orders) {
        var task = new dev.corvid.server.etl.SqlEtlConfiguration(0, "bench sink", "x", List.of(), false, null, false, false,
                "Sql", List.of(new dev.corvid.server.etl.SqlEtlTable("bench_orders", "Id", false),
                        new dev.corvid.server.etl.SqlEtlTable("bench_lines", "OrderId", false)), true, true, false, null, null);
        var provider = new dev.corvid.server.etl.load.sql.SqlEtlProvider(task,
                new dev.corvid.server.etl.ConnectionString.Sql("x", target.connectionString(), target.factoryName()), "orders",
                "benchmark", "benchmark");
        List<String> orderColumns = List.of("Id", "Customer", "Total");
        List<String> lineColumns = List.of("OrderId", "Product", "Quantity");
        List<String> tables = List.of("bench_orders", "bench_lines");
        int batchSize = dev.corvid.server.etl.BatchSettings.DEFAULT_MAX_ITEMS;
        var loads = java.util.concurrent.Executors.newCachedThreadPool();
        try (var sink = provider.newSink(new dev.corvid.server.etl.load.LoadMetrics())) {
            sink.storedCheckpoint(); // as a process starts: with no checkpoint and empty tables, new documents need no deletes
            // as the process does: up to sink.loadsInFlight() batches at once, each committing after the one before
            java.util.Deque<java.util.concurrent.Future<String>> inFlight = new java.util.ArrayDeque<>();
            for (int from = 0; from < orders; from += batchSize) {
                List<dev.corvid.server.etl.load.sql.SqlItem> batch = new java.util.ArrayList<>(batchSize);
                for (int i = from; i < Math.min(orders, from + batchSize); i++) {
                    String[][] rows = rowsOf(i);
                    List<dev.corvid.server.etl.load.sql.SqlItem.SqlRow> sqlRows = new java.util.ArrayList<>();
                    for (int r = 1; r < rows.length; r++) {
                        sqlRows.add(new dev.corvid.server.etl.load.sql.SqlItem.SqlRow("bench_lines", lineColumns,
                                new Object[] {rows[r][0], rows[r][1], Long.parseLong(rows[r][2])}));
                    }
                    sqlRows.add(new dev.corvid.server.etl.load.sql.SqlItem.SqlRow("bench_orders", orderColumns,
                            new Object[] {rows[0][0], rows[0][1], Long.parseLong(rows[0][2])}));
                    batch.add(new dev.corvid.server.etl.load.sql.SqlItem(rows[0][0], tables, sqlRows));
                }
                var upTo = new dev.corvid.server.etl.load.EtlSink.Checkpoint("bench sink", "orders", from + batchSize);
                if (inFlight.size() >= sink.loadsInFlight()) {
                    inFlight.removeFirst().get();
                }
                java.util.concurrent.Future<String> previous = inFlight.peekLast();
                inFlight.addLast(loads.submit(() -> previous == null ? sink.load(batch, upTo) : sink.load(batch, upTo, previous)));
            }
            for (var load : inFlight) {
                load.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            loads.shutdownNow();
        }
    }

    private static SqlEtlTable table(String name, String idColumn) {
        SqlEtlTable table = new SqlEtlTable();
        table.setTableName(name);
        table.setDocumentIdColumn(idColumn);
        return table;
    }

    private static long checkpoint(Connection c, String taskName) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!exists(c, "corvid_etl_state")) {
                return -1;
            }
            try (ResultSet rs = s.executeQuery("SELECT last_etag FROM corvid_etl_state WHERE task_name = '" + taskName + "'")) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static void verify(Target target, int orders) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            for (String[] check : new String[][] {{"bench_orders", "1"}, {"bench_lines", Integer.toString(LINES)}}) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT " + target.q(check[0].equals("bench_orders") ? "Id" : "OrderId")
                        + ") FROM " + target.q(check[0]))) {
                    rs.next();
                    long expected = (long) orders * Integer.parseInt(check[1]);
                    if (rs.getLong(1) != expected || rs.getLong(2) != orders) {
                        throw new IllegalStateException(target.name() + " " + check[0] + " has " + rs.getLong(1) + " rows of "
                                + rs.getLong(2) + " documents, expected " + expected + " of " + orders);
                    }
                }
            }
        }
    }
}
