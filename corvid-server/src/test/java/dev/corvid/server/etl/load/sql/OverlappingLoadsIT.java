package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.SqlEtlTable;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.load.PermanentLoadException;
import dev.corvid.server.etl.load.TransientLoadException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two batches of one SQL ETL script loading at once into the machine's PostgreSQL: the sink, driven
 * as the process drives it, with the batch before played by a future the test completes.
 */
class OverlappingLoadsIT {
    private static final List<String> COLUMNS = List.of("Id", "Email");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private String table;
    private String taskName;
    private EtlSink<SqlItem> sink;
    private Connection verifier;

    @BeforeEach
    void createTable() throws SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        table = "Overlap_" + suffix;
        taskName = "overlap " + suffix;
        verifier = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        execute("CREATE TABLE \"" + table + "\" (\"Id\" VARCHAR(50) NOT NULL, \"Email\" VARCHAR(50) UNIQUE)");
        sink = sink("postgres");
        assertThat(sink.storedCheckpoint()).isEmpty();
    }

    private EtlSink<SqlItem> sink(String user) {
        SqlEtlConfiguration task = new SqlEtlConfiguration(0, taskName, "target", List.of(), false, null, false, false, "Sql",
                List.of(new SqlEtlTable(table, "Id", false)), true, true, false, null, null);
        return new SqlEtlProvider(task, new ConnectionString.Sql("target",
                "Host=127.0.0.1;Port=5432;Database=test;Username=" + user, "Npgsql"), "script", "source-id", "source")
                .newSink(new LoadMetrics());
    }

    @AfterEach
    void drop() throws SQLException {
        sink.close();
        execute("DROP TABLE IF EXISTS \"" + table + "\"");
        execute("DELETE FROM corvid_etl_state WHERE task_name = '" + taskName + "'");
        verifier.close();
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = verifier.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows() throws SQLException {
        try (Statement statement = verifier.createStatement();
             ResultSet rs = statement.executeQuery("SELECT \"Id\" || ':' || \"Email\" FROM \"" + table + "\" ORDER BY 1")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private long checkpoint() throws SQLException {
        try (Statement statement = verifier.createStatement();
             ResultSet rs = statement.executeQuery("SELECT last_etag FROM corvid_etl_state WHERE task_name = '" + taskName + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** How many of the sink's sessions wait, inside their transaction, for the batch before. */
    private int waitingInTransaction() throws SQLException {
        try (Statement statement = verifier.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'Corvid SQL ETL'"
                     + " AND state = 'idle in transaction' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private SqlItem row(String id, String email) {
        return new SqlItem(id, List.of(table), List.of(new SqlItem.SqlRow(table, COLUMNS, new Object[] {id, email})));
    }

    private EtlSink.Checkpoint upTo(long etag) {
        return new EtlSink.Checkpoint(taskName, "script", etag);
    }

    @Test
    void aBatchCommitsOnlyOnceTheBatchBeforeItHas() throws Exception {
        assertThat(sink.loadsInFlight()).isEqualTo(2);
        CompletableFuture<Void> before = new CompletableFuture<>();
        CompletableFuture<String> load = CompletableFuture.supplyAsync(() -> sink.load(List.of(row("users/2", "b@x")), upTo(20), before));

        await().atMost(WAIT).until(() -> waitingInTransaction() == 1);
        assertThat(rows()).as("nothing visible while the batch before is loading").isEmpty();
        assertThat(checkpoint()).isEqualTo(-1);
        assertThat(load).isNotDone();

        before.complete(null);
        load.get(30, TimeUnit.SECONDS);
        assertThat(rows()).containsExactly("users/2:b@x");
        assertThat(checkpoint()).isEqualTo(20);
    }

    @Test
    void aBatchWhoseBatchBeforeFailedRollsBack() throws Exception {
        CompletableFuture<Void> before = new CompletableFuture<>();
        CompletableFuture<String> load = CompletableFuture.supplyAsync(() -> sink.load(List.of(row("users/2", "b@x")), upTo(20), before));
        await().atMost(WAIT).until(() -> waitingInTransaction() == 1);

        before.completeExceptionally(new TransientLoadException("target down", null));

        assertThatThrownBy(() -> load.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TransientLoadException.class)
                .hasMessageContaining("the batch before it was not loaded");
        assertThat(rows()).isEmpty();
        assertThat(checkpoint()).isEqualTo(-1);
        assertThat(sink.load(List.of(row("users/1", "a@x")), upTo(10))).as("the sink loads again").isNotBlank();
        assertThat(rows()).containsExactly("users/1:a@x");
    }

    @Test
    void aBatchStepsAsideWhenTheBatchBeforeWaitsForALockItHolds() throws Exception {
        // the later batch writes users/2 with b@x first; the earlier one's users/1 with b@x then waits
        // on the unique key for the later one, which waits for the earlier one to commit
        CompletableFuture<String> earlier = new CompletableFuture<>();
        CompletableFuture<String> later = CompletableFuture.supplyAsync(() -> sink.load(List.of(row("users/2", "b@x")), upTo(20), earlier));
        await().atMost(WAIT).until(() -> waitingInTransaction() == 1);

        CompletableFuture.supplyAsync(() -> sink.load(List.of(row("users/1", "b@x")), upTo(10)))
                .whenComplete((result, error) -> {
                    if (error == null) {
                        earlier.complete(result);
                    } else {
                        earlier.completeExceptionally(error);
                    }
                });

        assertThat(earlier.get(30, TimeUnit.SECONDS)).as("the earlier batch got through and committed").isNotBlank();
        assertThatThrownBy(() -> later.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(PermanentLoadException.class)
                .hasMessageContaining("users/2").hasMessageContaining("duplicate key");
        assertThat(rows()).as("as if loaded one after the other").containsExactly("users/1:b@x");
        assertThat(checkpoint()).isEqualTo(10);
    }

    @Test
    void batchesSharingADocumentAreNotIndependent() {
        assertThat(sink.independent(List.of(row("users/1", "a@x")), List.of(row("users/2", "b@x")))).isTrue();
        assertThat(sink.independent(List.of(row("users/1", "a@x")), List.of(row("Users/1", "c@x"))))
                .as("ids compare case-insensitively").isFalse();
    }

    @Test
    void aTargetThatRefusesASecondConnectionIsLoadedOneBatchAtATime() throws Exception {
        String role = "corvid_one_connection";
        execute("DROP ROLE IF EXISTS " + role);
        execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
        try {
            execute("GRANT ALL ON \"" + table + "\", corvid_etl_state TO " + role);
            try (EtlSink<SqlItem> limited = sink(role)) {
                assertThat(limited.storedCheckpoint()).isEmpty();
                assertThat(limited.loadsInFlight()).isEqualTo(1);

                limited.load(List.of(row("users/1", "a@x")), upTo(10));
                limited.load(List.of(row("users/2", "b@x")), upTo(20));
            }
            assertThat(rows()).containsExactly("users/1:a@x", "users/2:b@x");
            assertThat(checkpoint()).isEqualTo(20);
        } finally {
            execute("DROP OWNED BY " + role);
            execute("DROP ROLE " + role);
        }
    }
}
