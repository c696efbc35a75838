package dev.corvid.server.etl.load.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The SQL ETL contract against the machine's MariaDB (127.0.0.1:3306, database {@code test}), through a .NET MySqlConnector connection string. */
class MariaDbSqlEtlIT extends NetworkSqlEtlContract {
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
