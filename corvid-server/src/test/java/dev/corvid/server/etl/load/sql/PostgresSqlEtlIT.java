package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.server.etl.SqlEtlTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL ETL contract against the machine's PostgreSQL (127.0.0.1:5432, database {@code test}), through a .NET Npgsql connection string. */
class PostgresSqlEtlIT extends NetworkSqlEtlContract {
    @Test
    void aTableLargerThanOneCopyChunkArrivesWhole() throws SQLException {
        String notes = table("Notes");
        createTable(notes, column("Id", textType()), column("Text", textType()));
        String text = "Ærøskøbing, \\\"quoted\\\", ".repeat(8); // about 250 characters, non-ASCII, quotes and commas
        for (int i = 0; i < 2000; i++) {
            put("notes/" + i, "Notes", "{'Text':'" + i + " " + text + "'}");
        }
        start(task("notes", "loadTo('" + notes + "', { Text: this.Text });", List.of("Notes"), new SqlEtlTable(notes, "Id", false)));
        awaitCount(notes, 2000);
        awaitCaughtUp("notes");
        String expected = text.replace("\\\"", "\"");
        assertThat(count(notes, quote("Text") + " = '1999 " + expected + "'")).isEqualTo(1);
        assertThat(count(notes, "length(" + quote("Text") + ") = length('0 " + expected + "')")).isEqualTo(10);
    }

    @Override
    String connectionString() {
        return connectionStringVia(5432);
    }

    @Override
    String connectionStringVia(int port) {
        return "Host=127.0.0.1;Port=" + port + ";Database=test;Username=postgres;Password=secret";
    }

    @Override
    String unknownDatabase() {
        return "Host=127.0.0.1;Port=5432;Database=corvid_no_such_db;Username=postgres";
    }

    @Override
    String factoryName() {
        return "Npgsql";
    }

    @Override
    int serverPort() {
        return 5432;
    }

    @Override
    Connection verifier() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    }

    @Override
    String quote(String identifier) {
        return "\"" + identifier + "\"";
    }

    @Override
    String binaryType() {
        return "BYTEA";
    }
}
