package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.corvid.server.etl.SqlEtlTable;
import dev.corvid.server.etl.process.ProcessStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL ETL contract against the machine's MariaDB (127.0.0.1:3306, database {@code test}), through a
 * .NET MySqlConnector connection string; plus the {@code LOAD DATA} path of MariaDB's writer and its
 * fall-back to prepared inserts.
 */
class MariaDbSqlEtlIT extends NetworkSqlEtlContract {
    @Test
    void rowsGoInWithLoadDataAndKeepEveryCharacter() throws SQLException {
        String notes = table("Notes");
        createTable(notes, column("Id", textType()), column("Text", textType()), column("Empty", textType()),
                column("Missing", textType()), column("Count", integerType()), column("Ratio", "DOUBLE"), column("Flag", booleanType()));
        put("notes/1", "Notes", "{'Text':'tab\\there, new\\nline, back\\\\slash \\\\N, cr\\r, nul\\u0000 end, ✓ 🐦','Empty':''}");
        long loadsBefore = loadDataStatements();
        start(task("notes", "loadTo('" + notes + "', { Text: this.Text, Empty: this.Empty, Missing: this.Nothing, Count: 42,"
                + " Ratio: 0.1, Flag: false });", List.of("Notes"), new SqlEtlTable(notes, "Id", false)));
        awaitCount(notes, 1);
        assertThat(loadDataStatements()).as("the rows went in with LOAD DATA").isGreaterThan(loadsBefore);
        try (Connection c = verifier(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote(notes))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("Text")).isEqualTo("tab\there, new\nline, back\\slash \\N, cr\r, nul\u0000 end, ✓ 🐦");
            assertThat(rs.getString("Empty")).isEmpty();
            assertThat(rs.getString("Missing")).isNull();
            assertThat(rs.getLong("Count")).isEqualTo(42);
            assertThat(rs.getDouble("Ratio")).isEqualTo(0.1);
            assertThat(rs.getBoolean("Flag")).isFalse();
        }
    }

    @Test
    void aValueLoadDataWouldTruncateFallsBackToInsertsAndFailsWithTheDatabaseMessage() throws SQLException {
        String narrow = table("Codes");
        createTable(narrow, column("Id", textType()), column("Code", "VARCHAR(3)"));
        put("codes/1", "Codes", "{'Code':'abc'}");
        put("codes/2", "Codes", "{'Code':'too long'}");
        start(task("codes", "loadTo('" + narrow + "', { Code: this.Code });", List.of("Codes"), new SqlEtlTable(narrow, "Id", false)));
        await().atMost(WAIT).until(() -> etl.processes().statistics("codes", "script")
                .map(st -> st.snapshot().status() == ProcessStatus.FAULTED).orElse(false));
        assertThat(stats("codes").lastError().orElseThrow()).contains("document 'codes/2'").containsIgnoringCase("too long");
        assertThat(count(narrow)).as("nothing of the batch, not a truncated value").isZero();
    }

    /** How many {@code LOAD DATA} statements the server has run since it started. */
    private long loadDataStatements() {
        return queryLong("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_LOAD'");
    }

    @Override
    String connectionString() {
        return connectionStringVia(3306);
    }

    @Override
    String connectionStringVia(int port) {
        return "Server=127.0.0.1;Port=" + port + ";Database=test;Uid=root;Pwd=";
    }

    @Override
    String unknownDatabase() {
        return "Server=127.0.0.1;Port=3306;Database=corvid_no_such_db;Uid=root";
    }

    @Override
    String factoryName() {
        return "MySqlConnector";
    }

    @Override
    int serverPort() {
        return 3306;
    }

    @Override
    Connection verifier() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
    }

    @Override
    String quote(String identifier) {
        return "`" + identifier + "`";
    }

    @Override
    String timestampType() {
        return "DATETIME(3)";
    }

    @Override
    String binaryType() {
        return "LONGBLOB";
    }
}
