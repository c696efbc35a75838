package dev.corvid.server.etl.load.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The SQL ETL contract against a DuckDB file in a temp folder, through a JDBC URL. */
class DuckDbSqlEtlIT extends SqlEtlContract {
    @Override
    String connectionString() {
        return "jdbc:duckdb:" + dir.resolve("target.duckdb");
    }

    @Override
    String factoryName() {
        return "";
    }

    @Override
    Connection verifier() throws SQLException {
        return DriverManager.getConnection(connectionString());
    }

    /** DuckDB's driver reads BLOBs as {@link java.sql.Blob} only. */
    @Override
    byte[] bytes(java.sql.ResultSet rs, String column) throws SQLException {
        java.sql.Blob blob = rs.getBlob(column);
        return blob == null ? null : blob.getBytes(1, (int) blob.length());
    }

    @Override
    String quote(String identifier) {
        return "\"" + identifier + "\"";
    }
}
