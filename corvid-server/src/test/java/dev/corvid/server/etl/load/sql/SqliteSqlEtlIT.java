package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The SQL ETL contract against an SQLite file in a temp folder, through a JDBC URL. */
class SqliteSqlEtlIT extends SqlEtlContract {
    @Override
    String connectionString() {
        return "jdbc:sqlite:" + dir.resolve("target.db");
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

    /** SQLite has no date type: the ISO text is kept as it was. */
    @Override
    void assertTimestamp(ResultSet rs, String column) throws SQLException {
        assertThat(rs.getString(column)).isEqualTo("2024-05-06T07:08:09.123Z");
    }
}
