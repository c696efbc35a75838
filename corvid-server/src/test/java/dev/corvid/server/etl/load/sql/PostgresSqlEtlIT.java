package dev.corvid.server.etl.load.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The SQL ETL contract against the machine's PostgreSQL (127.0.0.1:5432, database {@code test}), through a .NET Npgsql connection string. */
class PostgresSqlEtlIT extends NetworkSqlEtlContract {
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
