package dev.corvid.server.etl.load.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The SQL ETL contract against an H2 database file in a temp folder, through a JDBC URL. */
class H2SqlEtlIT extends SqlEtlContract {
    @Override
    String connectionString() {
        return "jdbc:h2:" + dir.resolve("target");
    }

    @Override
    String factoryName() {
        return "";
    }

    @Override
    Connection verifier() throws SQLException {
        return DriverManager.getConnection(connectionString());
    }

    @Override
    String quote(String identifier) {
        return "\"" + identifier + "\"";
    }
}
