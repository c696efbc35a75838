package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corvid.server.etl.BatchSettings;
import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.process.ProcessStatus;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The contract plus what only a database server has: a network that goes away and comes back. */
abstract class NetworkSqlEtlContract extends SqlEtlContract {
    /** The server's port; the test puts a {@link TcpProxy} in front of it. */
    abstract int serverPort();

    /** The same connection string as {@link #connectionString()}, but to another port. */
    abstract String connectionStringVia(int port);

    @Test
    void theTargetGoesDownAndComesBackAndNothingIsLostOrDuplicated() throws Exception {
        try (TcpProxy proxy = new TcpProxy(serverPort()).start()) {
            etl.management().putConnectionString(new ConnectionString.Sql("target", connectionStringVia(proxy.port()), factoryName()));
            for (int i = 1; i <= 10; i++) {
                put("orders/" + i, "Orders", order("c" + i, 2));
            }
            start(ordersTask(true));
            awaitCount(linesTable, 20);
            awaitCaughtUp("orders");

            proxy.stop();
            for (int i = 11; i <= 20; i++) {
                put("orders/" + i, "Orders", order("c" + i, 2));
            }
            await().atMost(WAIT).until(() -> stats("orders").nextAttemptAt().isPresent());
            assertThat(stats("orders").lastError().orElseThrow()).contains("Failed to load");
            assertThat(stats("orders").status()).isNotEqualTo(ProcessStatus.FAULTED);
            assertThat(count(ordersTable)).isEqualTo(10);

            proxy.start();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(count(ordersTable)).isEqualTo(20));
            awaitCaughtUp("orders");
            assertThat(count(linesTable)).as("each insert-only row exactly once").isEqualTo(40);
        }
    }

    @Test
    void theTargetGoesDownInTheMiddleOfALoadOfSmallBatchesAndEachRowSetArrivesOnce() throws Exception {
        int orders = 3000;
        try (TcpProxy proxy = new TcpProxy(serverPort()).start()) {
            etl.management().putConnectionString(new ConnectionString.Sql("target", connectionStringVia(proxy.port()), factoryName()));
            for (int i = 1; i <= orders; i++) {
                put("orders/" + i, "Orders", order("c" + i, 2));
            }
            SqlEtlConfiguration task = ordersTask(true);
            // batches of 10, so that (on PostgreSQL) two of them are loading when the connections drop
            start(new SqlEtlConfiguration(task.taskId(), task.name(), task.connectionStringName(), task.transforms(), false,
                    null, false, false, "Sql", task.sqlTables(), true, true, false, null, new BatchSettings(10, 0, 0)));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> count(ordersTable) >= 300);

            proxy.stop();
            await().atMost(WAIT).until(() -> stats("orders").nextAttemptAt().isPresent());
            proxy.start();

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(count(ordersTable)).isEqualTo(orders));
            awaitCaughtUp("orders");
            assertThat(count(linesTable)).as("each insert-only row exactly once").isEqualTo(2L * orders);
            assertThat(stats("orders").loadErrors()).as("the drop was seen").isPositive();
        }
    }

    @Test
    void testConnectionTellsWhatIsWrong() throws Exception {
        assertThat(SqlConnections.test(SqlConnectionSettings.parse(factoryName(), connectionString()))).isEmpty();
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(SqlConnections.test(SqlConnectionSettings.parse(factoryName(), connectionStringVia(closed))))
                .hasValueSatisfying(error -> assertThat(error).startsWith("Could not reach").contains(":" + closed));
        assertThat(SqlConnections.test(SqlConnectionSettings.parse(factoryName(), unknownDatabase())))
                .hasValueSatisfying(error -> assertThat(error).contains("does not exist").contains("corvid_no_such_db"));
    }

    /** A connection string to a database named {@code corvid_no_such_db}. */
    abstract String unknownDatabase();
}
