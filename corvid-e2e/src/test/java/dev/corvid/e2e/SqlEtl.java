package dev.corvid.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.connectionStrings.PutConnectionStringOperation;
import net.ravendb.client.documents.operations.etl.AddEtlOperation;
import net.ravendb.client.documents.operations.etl.Transformation;
import net.ravendb.client.documents.operations.etl.sql.SqlConnectionString;
import net.ravendb.client.documents.operations.etl.sql.SqlEtlConfiguration;
import net.ravendb.client.documents.operations.etl.sql.SqlEtlTable;

/** Setting up SQL ETL with the official client, as a user would, and reading the machine's PostgreSQL. */
final class SqlEtl {
    static final String POSTGRES = "Host=127.0.0.1;Port=5432;Database=test;Username=postgres;Password=secret";

    private SqlEtl() {
    }

    static void connectionString(IDocumentStore source, String name, String factoryName, String connectionString) {
        SqlConnectionString cs = new SqlConnectionString();
        cs.setName(name);
        cs.setFactoryName(factoryName);
        cs.setConnectionString(connectionString);
        source.maintenance().send(new PutConnectionStringOperation<>(cs));
    }

    static SqlEtlTable table(String name, String idColumn, boolean insertOnly) {
        SqlEtlTable table = new SqlEtlTable();
        table.setTableName(name);
        table.setDocumentIdColumn(idColumn);
        table.setInsertOnlyMode(insertOnly);
        return table;
    }

    static SqlEtlConfiguration configuration(String name, String connectionString, List<SqlEtlTable> tables, String script,
                                             String... collections) {
        Transformation t = new Transformation();
        t.setName("script");
        t.setCollections(Arrays.asList(collections));
        t.setScript(script);
        SqlEtlConfiguration etl = new SqlEtlConfiguration();
        etl.setName(name);
        etl.setConnectionStringName(connectionString);
        etl.setSqlTables(tables);
        etl.setParameterizeDeletes(true);
        etl.setQuoteTables(true);
        etl.setTransforms(List.of(t));
        return etl;
    }

    static long add(IDocumentStore source, SqlEtlConfiguration configuration) {
        return source.maintenance().send(new AddEtlOperation<>(configuration)).getTaskId();
    }

    static Connection postgres() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    }

    static void execute(String sql) {
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long queryLong(String sql) {
        try (Connection c = postgres(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
