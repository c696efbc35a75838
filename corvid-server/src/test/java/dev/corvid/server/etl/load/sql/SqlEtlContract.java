package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.DatabaseEtl;
import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.SqlEtlTable;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.load.sql.dialect.SqlCommand;
import dev.corvid.server.etl.process.EtlStateStore;
import dev.corvid.server.etl.process.ProcessStatistics;
import dev.corvid.server.etl.process.ProcessStatus;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StorageOptions;
import dev.corvid.server.storage.WriteTxn;
import dev.corvid.server.storage.lmdb.LmdbStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SQL ETL must do against every database, written once and run against each by a subclass of
 * a few lines (Debezium's pattern): a real source database (LMDB in a temp folder), real ETL
 * processes, and the real target. Every test creates its own tables (unique names) and drops them.
 */
abstract class SqlEtlContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    LmdbStorage storage;
    DatabaseEtl etl;
    String suffix;
    private final List<String> createdTables = new ArrayList<>();

    // ---- what a database subclass provides -------------------------------------------------------

    /** The connection string Corvid uses (a .NET one or a JDBC URL). */
    abstract String connectionString();

    /** RavenDB's FactoryName for it; empty for a JDBC URL. */
    abstract String factoryName();

    /** A connection of the test's own, for creating tables and reading rows. */
    abstract Connection verifier() throws SQLException;

    abstract String quote(String identifier);

    String textType() {
        return "VARCHAR(400)";
    }

    String integerType() {
        return "BIGINT";
    }

    String decimalType() {
        return "DECIMAL(12,2)";
    }

    String booleanType() {
        return "BOOLEAN";
    }

    String timestampType() {
        return "TIMESTAMP";
    }

    String binaryType() {
        return "BLOB";
    }

    /** Reads back a timestamp column written from {@code 2024-05-06T07:08:09.123Z}. */
    void assertTimestamp(ResultSet rs, String column) throws SQLException {
        assertThat(rs.getObject(column, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-05-06T07:08:09.123"));
    }

    byte[] bytes(ResultSet rs, String column) throws SQLException {
        return rs.getBytes(column);
    }

    // ---- fixture ----------------------------------------------------------------------------------

    @BeforeEach
    void openSource() {
        storage = LmdbStorage.open(StorageOptions.at(dir.resolve("source")).withMapSize(1L << 30));
        etl = new DatabaseEtl("source", storage, Clock.systemUTC());
        etl.management().putConnectionString(new ConnectionString.Sql("target", connectionString(), factoryName()));
        suffix = UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void closeAndDrop() throws SQLException {
        if (etl != null) {
            etl.close();
        }
        String databaseId = storage.read((ReadTxn r) -> r.databaseId());
        storage.close();
        try (Connection c = verifier(); Statement s = c.createStatement()) {
            for (String table : createdTables) {
                try {
                    s.execute("DROP TABLE " + quote(table));
                } catch (SQLException e) {
                    // already gone
                }
            }
            try {
                s.execute("DELETE FROM corvid_etl_state WHERE source_database_id = '" + databaseId + "'");
            } catch (SQLException e) {
                // never created
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /** A table name unique to this test, dropped afterwards. */
    String table(String base) {
        String name = base + "_" + suffix;
        createdTables.add(name);
        return name;
    }

    void createTable(String table, String... columns) throws SQLException {
        execute("CREATE TABLE " + quote(table) + " (" + String.join(", ", columns) + ")");
    }

    String column(String name, String type) {
        return quote(name) + " " + type;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = verifier(); Statement s = c.createStatement()) {
            s.execute(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    long count(String table) {
        return queryLong("SELECT COUNT(*) FROM " + quote(table));
    }

    long count(String table, String where) {
        return queryLong("SELECT COUNT(*) FROM " + quote(table) + " WHERE " + where);
    }

    long queryLong(String sql) {
        try (Connection c = verifier(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long value = rs.getLong(1);
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void put(String id, String collection, String json) {
        ObjectNode document = parse(json);
        document.putObject("@metadata").put("@collection", collection);
        storage.write((WriteTxn w) -> w.put(id, document));
    }

    void delete(String id) {
        storage.write((WriteTxn w) -> w.delete(id));
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SqlEtlConfiguration task(String name, String script, List<String> collections, SqlEtlTable... tables) {
        return new SqlEtlConfiguration(0, name, "target",
                List.of(new Transformation("script", collections, false, script, false)), false, null, false, false, "Sql",
                List.of(tables), true, true, false, null, null);
    }

    SqlEtlConfiguration start(SqlEtlConfiguration task) {
        return (SqlEtlConfiguration) etl.management().putTask(Optional.empty(), task, List.of());
    }

    ProcessStatistics.Snapshot stats(String task) {
        return etl.processes().statistics(task, "script").orElseThrow().snapshot();
    }

    void awaitCount(String table, long expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(count(table)).isEqualTo(expected));
    }

    /** Waits until the process has loaded everything written so far. */
    void awaitCaughtUp(String task) {
        long last = storage.read(ReadTxn::lastEtag);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> etl.processes().statistics(task, "script").map(s -> s.snapshot().lastProcessedEtag() >= last).orElse(false));
    }

    static final String ORDERS_SCRIPT = """
            var total = 0;
            for (var i = 0; i < this.Lines.length; i++) {
                var line = this.Lines[i];
                total += line.Quantity * line.Price;
                loadToOrderLines({ Product: line.Product, Quantity: line.Quantity, Price: line.Price });
            }
            loadToOrders({ Customer: this.Customer, Total: total });
            """;

    String ordersTable;
    String linesTable;

    SqlEtlConfiguration ordersTask(boolean linesInsertOnly) throws SQLException {
        ordersTable = table("Orders");
        linesTable = table("OrderLines");
        createTable(ordersTable, column("DocId", textType()), column("Customer", textType()), column("Total", decimalType()));
        createTable(linesTable, column("OrderId", textType()), column("Product", textType()), column("Quantity", integerType()),
                column("Price", decimalType()));
        String script = ORDERS_SCRIPT.replace("loadToOrderLines(", "loadTo('" + linesTable + "', ")
                .replace("loadToOrders(", "loadTo('" + ordersTable + "', ");
        return task("orders", script, List.of("Orders"), new SqlEtlTable(ordersTable, "DocId", false),
                new SqlEtlTable(linesTable, "OrderId", linesInsertOnly));
    }

    static String order(String customer, int lines) {
        StringBuilder json = new StringBuilder("{'Customer':'" + customer + "','Lines':[");
        for (int l = 0; l < lines; l++) {
            json.append(l == 0 ? "" : ",").append("{'Product':'p").append(l).append("','Quantity':").append(l + 1)
                    .append(",'Price':2.5}");
        }
        return json.append("]}").toString();
    }

    // ---- the contract ---------------------------------------------------------------------------

    @Test
    void loadsRowsIntoSeveralTablesAndReplacesThemOnUpdate() throws SQLException {
        for (int i = 1; i <= 20; i++) {
            put("orders/" + i, "Orders", order("c" + i, 3));
        }
        put("people/1", "People", "{'Name':'not loaded'}");
        start(ordersTask(false));
        awaitCount(ordersTable, 20);
        awaitCount(linesTable, 60);
        assertThat(queryLong("SELECT COUNT(*) FROM " + quote(linesTable) + " WHERE " + quote("OrderId") + " = 'orders/7'")).isEqualTo(3);

        put("orders/7", "Orders", order("changed", 2));
        put("orders/21", "Orders", order("new", 1));
        awaitCaughtUp("orders");
        assertThat(count(ordersTable)).isEqualTo(21);
        assertThat(count(linesTable)).isEqualTo(60 - 3 + 2 + 1);
        assertThat(count(linesTable, quote("OrderId") + " = 'orders/7'")).isEqualTo(2);
        assertThat(count(ordersTable, quote("DocId") + " = 'orders/7' AND " + quote("Customer") + " = 'changed'")).isEqualTo(1);
        assertThat(count(ordersTable, quote("DocId") + " = 'orders/7'")).isEqualTo(1);
    }

    @Test
    void deletedDocumentsLoseTheirRowsAndTheCheckpointFollows() throws SQLException {
        for (int i = 1; i <= 10; i++) {
            put("orders/" + i, "Orders", order("c" + i, 2));
        }
        start(ordersTask(false));
        awaitCount(linesTable, 20);
        delete("orders/3");
        delete("orders/4");
        awaitCaughtUp("orders");
        assertThat(count(ordersTable)).isEqualTo(8);
        assertThat(count(linesTable)).isEqualTo(16);
        assertThat(count(ordersTable, quote("DocId") + " IN ('orders/3', 'orders/4')")).isZero();
        long lastEtag = storage.read(ReadTxn::lastEtag);
        assertThat(queryLong("SELECT last_etag FROM corvid_etl_state WHERE task_name = 'orders' AND source_database_id = '"
                + storage.read((ReadTxn r) -> r.databaseId()) + "'")).isEqualTo(lastEtag);
    }

    @Test
    void insertOnlyTablesKeepEveryVersionAndIgnoreDeletes() throws SQLException {
        put("orders/1", "Orders", order("first", 2));
        start(ordersTask(true));
        awaitCount(linesTable, 2);
        put("orders/1", "Orders", order("second", 3));
        awaitCount(linesTable, 5);
        delete("orders/1");
        awaitCaughtUp("orders");
        assertThat(count(linesTable)).as("insert-only rows survive updates and deletes").isEqualTo(5);
        assertThat(count(ordersTable)).as("the other table follows the document").isZero();
    }

    @Test
    void valuesKeepTheirTypes() throws SQLException {
        String values = table("Vals");
        createTable(values, column("Id", textType()), column("Name", textType()), column("Missing", textType()),
                column("Count", integerType()), column("Amount", decimalType()), column("Paid", booleanType()),
                column("At", timestampType()), column("Code", textType()), column("Nested", textType()),
                column("Typed", integerType()), column("Short", textType()), column("Photo", binaryType()),
                column("NoPhoto", binaryType()));
        put("docs/1", "Docs", "{'Name':'Ærøskøbing \\\"quoted\\\", comma','Count':9007199254740993,'Amount':12.34,"
                + "'Paid':true,'At':'2024-05-06T07:08:09.123Z','Code':'2024-01-01','Nested':{'a':[1,2,{'b':null}]}}");
        storage.write((WriteTxn w) -> w.putAttachment("docs/1", "photo.png", "image/png", new byte[] {0, 1, 2, (byte) 0xFF, 10, 92}));
        String script = "loadTo('" + values + "', { Name: this.Name, Missing: this.Nothing, Count: this.Count, Amount: this.Amount,"
                + " Paid: this.Paid, At: this.At, Code: this.Code, Nested: this.Nested, Typed: { Type: 'Int32', Value: '5' },"
                + " Short: varchar('abc', 10), Photo: loadAttachment('photo.png'), NoPhoto: loadAttachment('none') });";
        start(task("values", script, List.of("Docs"), new SqlEtlTable(values, "Id", false)));
        awaitCount(values, 1);
        try (Connection c = verifier(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + quote(values))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("Id")).isEqualTo("docs/1");
            assertThat(rs.getString("Name")).isEqualTo("Ærøskøbing \"quoted\", comma");
            assertThat(rs.getString("Missing")).isNull();
            assertThat(rs.getLong("Count")).as("JavaScript numbers are doubles").isEqualTo(9007199254740992L);
            assertThat(rs.getBigDecimal("Amount").setScale(2, RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("12.34"));
            assertThat(rs.getBoolean("Paid")).isTrue();
            assertTimestamp(rs, "At");
            assertThat(rs.getString("Code")).as("a date-like string in a text column stays text").isEqualTo("2024-01-01");
            assertThat(parse(rs.getString("Nested"))).isEqualTo(parse("{'a':[1,2,{'b':null}]}"));
            assertThat(rs.getLong("Typed")).isEqualTo(5);
            assertThat(rs.getString("Short")).isEqualTo("abc");
            assertThat(bytes(rs, "Photo")).containsExactly(0, 1, 2, 0xFF, 10, 92);
            assertThat(bytes(rs, "NoPhoto")).isNull();
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }

    @Test
    void rowsOfOneTableMayNameDifferentColumnsFromRowToRow() throws SQLException {
        String shapes = table("Shapes");
        createTable(shapes, column("Id", textType()), column("A", textType()), column("B", integerType()), column("C", textType()));
        // each document's rows come after the previous one's: more, fewer, other and reordered columns,
        // the id column named by the script (dropped), an empty row
        String script = """
                var n = this.N;
                if (n === 1) { loadTo('%1$s', { A: 'a1', B: 1 }); loadTo('%1$s', { A: 'a1b', B: 2 }); }
                if (n === 2) loadTo('%1$s', { A: 'a2', B: 2, C: 'c2' });
                if (n === 3) loadTo('%1$s', { A: 'a3' });
                if (n === 4) loadTo('%1$s', { C: 'c4', A: 'a4' });
                if (n === 5) loadTo('%1$s', { Id: 'ignored', B: 5 });
                if (n === 6) loadTo('%1$s', {});
                if (n === 7) loadTo('%1$s', { A: 'a7', B: 7, C: 'c7' });
                if (n === 8) loadTo('%1$s', { A: 'a8', X: undefined, B: 8 });
                """.formatted(shapes);
        for (int n = 1; n <= 8; n++) {
            put("shapes/" + n, "Shapes", "{'N':" + n + "}");
        }
        start(task("shapes", script, List.of("Shapes"), new SqlEtlTable(shapes, "Id", false)));
        awaitCount(shapes, 9);
        List<String> rows = new ArrayList<>();
        try (Connection c = verifier(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + quote("Id") + ", " + quote("A") + ", " + quote("B") + ", " + quote("C")
                     + " FROM " + quote(shapes) + " ORDER BY " + quote("Id") + ", " + quote("B"))) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getObject(3) + "|" + rs.getString(4));
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
        assertThat(rows).containsExactly("shapes/1|a1|1|null", "shapes/1|a1b|2|null", "shapes/2|a2|2|c2", "shapes/3|a3|null|null",
                "shapes/4|a4|null|c4", "shapes/5|null|5|null", "shapes/6|null|null|null", "shapes/7|a7|7|c7", "shapes/8|a8|8|null");
    }

    @Test
    void anIdColumnNamedIdHasItsRowsReplaced() throws SQLException {
        String items = table("Items");
        createTable(items, column("id", textType()), column("Name", textType()));
        put("items/1", "Items", "{'Name':'first'}");
        put("items/2", "Items", "{'Name':'other'}");
        start(task("items", "loadTo('" + items + "', { Name: this.Name });", List.of("Items"), new SqlEtlTable(items, "id", false)));
        awaitCount(items, 2);
        put("items/1", "Items", "{'Name':'second'}");
        awaitCaughtUp("items");
        assertThat(count(items)).isEqualTo(2);
        assertThat(count(items, quote("id") + " = 'items/1' AND " + quote("Name") + " = 'second'")).isEqualTo(1);
    }

    @Test
    void oddTableAndColumnNamesAreQuoted() throws SQLException {
        String odd = table("Order Items");
        createTable(odd, column("Doc Id", textType()), column("select", textType()), column("Unit Price", decimalType()));
        String script = "loadTo('" + odd + "', { 'select': this.Name, 'Unit Price': 1.5 });";
        put("items/1", "Items", "{'Name':'x'}");
        put("items/2", "Items", "{'Name':'it\\u0027s'}");
        start(task("odd", script, List.of("Items"), new SqlEtlTable(odd, "Doc Id", false)));
        awaitCount(odd, 2);
        assertThat(count(odd, quote("select") + " = 'it''s'")).isEqualTo(1);
        put("items/2", "Items", "{'Name':'changed'}");
        awaitCaughtUp("odd");
        assertThat(count(odd)).isEqualTo(2);
        assertThat(count(odd, quote("select") + " = 'changed'")).isEqualTo(1);
    }

    @Test
    void aRejectedBatchNamesTableDocumentAndMessageAndWritesNothing() throws SQLException {
        String strict = table("Strict");
        createTable(strict, column("Id", textType()), column("Name", textType() + " NOT NULL"));
        String script = "loadTo('" + strict + "', { Name: this.Name });";
        put("things/1", "Things", "{'Name':'fine'}");
        put("things/2", "Things", "{'Name':null}");
        put("things/3", "Things", "{'Name':'fine too'}");
        start(task("strict", script, List.of("Things"), new SqlEtlTable(strict, "Id", false)));
        await().atMost(WAIT).until(() -> etl.processes().statistics("strict", "script")
                .map(s -> s.snapshot().status() == ProcessStatus.FAULTED).orElse(false));
        String error = stats("strict").lastError().orElseThrow();
        assertThat(error).contains("Table '" + strict + "'").contains("document 'things/2'");
        assertThat(error.toLowerCase(Locale.ROOT)).containsAnyOf("null", "constraint");
        assertThat(count(strict)).as("the batch is all or nothing").isZero();
        assertThat(stats("strict").lastProcessedEtag()).isZero();
    }

    @Test
    void anUnknownColumnFailsTheTaskWithTheDatabaseMessage() throws SQLException {
        String narrow = table("Narrow");
        createTable(narrow, column("Id", textType()));
        put("things/1", "Things", "{'Name':'x'}");
        start(task("narrow", "loadTo('" + narrow + "', { Nope: this.Name });", List.of("Things"), new SqlEtlTable(narrow, "Id", false)));
        await().atMost(WAIT).until(() -> etl.processes().statistics("narrow", "script")
                .map(s -> s.snapshot().status() == ProcessStatus.FAULTED).orElse(false));
        assertThat(stats("narrow").lastError().orElseThrow()).contains("Table '" + narrow + "'").containsIgnoringCase("Nope");
    }

    @Test
    void aTargetNotInSqlTablesFailsThatDocumentOnly() throws SQLException {
        start(ordersTask(false));
        put("orders/1", "Orders", order("c", 1));
        awaitCount(ordersTable, 1);
        etl.management().putTask(Optional.of(etl.management().definitions().task("orders").orElseThrow().taskId()),
                task("orders", "loadToElsewhere({ A: 1 }); loadTo('" + ordersTable + "', { Customer: 'x' });", List.of("Orders"),
                        new SqlEtlTable(ordersTable, "DocId", false)), List.of());
        put("orders/2", "Orders", order("c", 1));
        await().atMost(WAIT).until(() -> etl.processes().statistics("orders", "script")
                .map(s -> s.snapshot().scriptErrors() == 1).orElse(false));
        assertThat(stats("orders").errors().get(0).message())
                .isEqualTo("Table 'Elsewhere' was not defined in the configuration of SQL ETL task");
    }

    @Test
    void theTargetsCheckpointWinsOverLocalProgressSoNothingIsLoadedTwice() throws SQLException {
        for (int i = 1; i <= 30; i++) {
            put("orders/" + i, "Orders", order("c" + i, 2));
        }
        SqlEtlConfiguration task = start(ordersTask(true));
        awaitCount(linesTable, 60);
        awaitCaughtUp("orders");
        // a crash after the target committed but before Corvid saved its own progress: the local state is behind
        etl.management().setDisabled(task.taskId(), true);
        EtlStateStore states = etl.management().states();
        states.saveIfCurrent("orders", "script", states.load("orders", "script").epoch(), 5, Instant.now());
        etl.management().setDisabled(task.taskId(), false);
        put("orders/31", "Orders", order("after", 2));
        awaitCount(ordersTable, 31);
        awaitCaughtUp("orders");
        assertThat(count(linesTable)).as("insert-only rows of the first 30 orders were not sent again").isEqualTo(62);
    }

    @Test
    void resetStartsOverAndDeleteInsertTablesConverge() throws SQLException {
        for (int i = 1; i <= 10; i++) {
            put("orders/" + i, "Orders", order("c" + i, 2));
        }
        start(ordersTask(true));
        awaitCount(linesTable, 20);
        awaitCaughtUp("orders");
        etl.management().reset("orders", "script");
        awaitCount(linesTable, 40);
        awaitCaughtUp("orders");
        assertThat(count(linesTable)).as("everything was sent again: insert-only rows twice").isEqualTo(40);
        assertThat(count(ordersTable)).as("delete-then-insert rows converge").isEqualTo(10);
    }

    @Test
    void anInitialLoadIntoEmptyTablesLooksForNoPreviousRowsButUpdatesStillReplaceThem() throws SQLException {
        for (int i = 1; i <= 20; i++) {
            put("orders/" + i, "Orders", order("c" + i, 3));
        }
        SqlEtlConfiguration task = start(ordersTask(false));
        awaitCount(linesTable, 60);
        awaitCaughtUp("orders");
        assertThat(deletedDocuments(ordersTable)).as("new documents in empty tables: nothing to delete").isZero();

        put("ORDERS/7", "Orders", order("changed", 2));
        put("orders/21", "Orders", order("new", 1));
        delete("orders/8");
        awaitCaughtUp("orders");
        assertThat(count(linesTable, quote("OrderId") + " = 'orders/7'")).isEqualTo(2);
        assertThat(count(ordersTable, quote("DocId") + " = 'orders/8'")).isZero();
        assertThat(deletedDocuments(ordersTable)).as("only the updated and the deleted document").isEqualTo(2);

        // a sink that starts with its checkpoint in the target does not know what it wrote: it deletes for every document
        etl.management().setDisabled(task.taskId(), true);
        etl.management().setDisabled(task.taskId(), false);
        put("orders/21", "Orders", order("again", 2));
        awaitCaughtUp("orders");
        assertThat(count(linesTable, quote("OrderId") + " = 'orders/21'")).isEqualTo(2);
        assertThat(count(ordersTable)).isEqualTo(20);
        assertThat(count(linesTable)).as("60, orders/7 one less, orders/8 three less, orders/21 two").isEqualTo(58);
    }

    @Test
    void rowsAlreadyInTheTablesAreReplacedNotDuplicated() throws SQLException {
        for (int i = 1; i <= 3; i++) {
            put("orders/" + i, "Orders", order("c" + i, 2));
        }
        SqlEtlConfiguration task = ordersTask(false);
        execute("INSERT INTO " + quote(ordersTable) + " (" + quote("DocId") + ", " + quote("Customer") + ", " + quote("Total")
                + ") VALUES ('orders/2', 'written before', 1)");
        start(task);
        awaitCount(linesTable, 6);
        awaitCaughtUp("orders");
        assertThat(count(ordersTable)).isEqualTo(3);
        assertThat(count(ordersTable, quote("DocId") + " = 'orders/2' AND " + quote("Customer") + " = 'c2'")).isEqualTo(1);
    }

    long deletedDocuments(String table) {
        LoadMetrics.Table metrics = etl.processes().statistics("orders", "script").orElseThrow().loadMetrics().snapshot()
                .tables().get(table);
        return metrics == null ? 0 : metrics.deletedDocuments();
    }

    @Test
    void theTestRunRendersStatementsAndCanRunThemInARolledBackTransaction() throws SQLException {
        SqlEtlConfiguration task = ordersTask(false);
        put("orders/1", "Orders", order("c", 2));
        SqlConnectionSettings settings = SqlConnectionSettings.parse(factoryName(), connectionString());
        SqlEtlProvider.TestResult dry = storage.read((ReadTxn r) -> SqlEtlProvider.test(task, task.transforms().get(0), settings,
                r.get("orders/1").orElseThrow(), r, false));
        assertThat(dry.transformationErrors()).isEmpty();
        assertThat(dry.summary()).extracting(SqlEtlProvider.TableSummary::tableName).containsExactly(ordersTable, linesTable);
        List<SqlCommand> orderCommands = dry.summary().get(0).commands();
        assertThat(orderCommands.get(0).text()).startsWith("DELETE FROM " + settings.dialect().tableName(ordersTable, true));
        assertThat(orderCommands.get(1).text()).contains(settings.dialect().tableName(ordersTable, true));
        assertThat(count(ordersTable)).isZero();

        SqlEtlProvider.TestResult rolledBack = storage.read((ReadTxn r) -> SqlEtlProvider.test(task, task.transforms().get(0),
                settings, r.get("orders/1").orElseThrow(), r, true));
        assertThat(rolledBack.loadErrors()).isEmpty();
        assertThat(count(ordersTable)).as("rolled back").isZero();

        execute("DROP TABLE " + quote(linesTable));
        SqlEtlProvider.TestResult failing = storage.read((ReadTxn r) -> SqlEtlProvider.test(task, task.transforms().get(0),
                settings, r.get("orders/1").orElseThrow(), r, true));
        assertThat(failing.loadErrors()).singleElement().asString().contains("Table '" + linesTable + "'");
    }

    /** Reads every row's value of one column, for tests of a subclass. */
    List<String> strings(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = verifier(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
