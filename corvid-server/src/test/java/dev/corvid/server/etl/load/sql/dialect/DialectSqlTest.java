package dev.corvid.server.etl.load.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The exact SQL each dialect sends. SQL Server and Oracle cannot run on this machine, so for them
 * these golden strings are the test; the others are also run for real by the {@code *SqlEtlIT} tests.
 */
class DialectSqlTest {
    private static final List<String> COLUMNS = List.of("DocId", "Name");

    @Test
    void sqlServer() {
        SqlDialect d = SqlServerDialect.INSTANCE;
        assertThat(d.tableName("dbo.Order Lines", true)).isEqualTo("[dbo].[Order Lines]");
        assertThat(d.tableName("dbo.Orders", false)).isEqualTo("dbo.Orders");
        assertThat(d.quoteIdentifier("a]b")).isEqualTo("[a]]b]");
        assertThat(d.deletes("[dbo].[Orders]", "DocId", List.of("orders/1", "orders/2", "orders/3"), true, true))
                .containsExactly(new SqlCommand("DELETE FROM [dbo].[Orders] WHERE [DocId] IN (?, ?, ?, ?) OPTION(RECOMPILE)",
                        List.of("orders/1", "orders/2", "orders/3", "orders/3")));
        assertThat(d.deletes("[Orders]", "DocId", List.of("o'1", "ø"), false, false))
                .containsExactly(new SqlCommand("DELETE FROM [Orders] WHERE [DocId] IN (N'o''1', N'ø')", List.of()));
        assertThat(d.insert("[Orders]", COLUMNS, 2, true))
                .isEqualTo("INSERT INTO [Orders] ([DocId], [Name]) VALUES (?, ?), (?, ?) OPTION(RECOMPILE)");
        assertThat(d.rowsPerInsert(2)).isEqualTo(1000);
        assertThat(d.rowsPerInsert(7)).as("2100 parameters at most").isEqualTo(285);
        assertThat(d.rowWriter()).isSameAs(InsertBatchWriter.INSTANCE);
        assertThat(d.createCheckpointTable()).containsExactly("IF OBJECT_ID(N'corvid_etl_state', N'U') IS NULL CREATE TABLE"
                + " corvid_etl_state (source_database_id NVARCHAR(64) NOT NULL, task_name NVARCHAR(128) NOT NULL,"
                + " transformation_name NVARCHAR(128) NOT NULL, source_database NVARCHAR(256), last_etag BIGINT NOT NULL,"
                + " updated_at DATETIME2 NOT NULL, PRIMARY KEY (source_database_id, task_name, transformation_name))");
        assertThat(d.upsertCheckpoint()).isEqualTo("MERGE corvid_etl_state WITH (HOLDLOCK) AS t USING (SELECT ? AS"
                + " source_database_id, ? AS task_name, ? AS transformation_name, ? AS source_database, ? AS last_etag) AS s"
                + " ON t.source_database_id = s.source_database_id AND t.task_name = s.task_name"
                + " AND t.transformation_name = s.transformation_name WHEN MATCHED THEN UPDATE SET source_database ="
                + " s.source_database, last_etag = s.last_etag, updated_at = SYSUTCDATETIME() WHEN NOT MATCHED THEN INSERT"
                + " (source_database_id, task_name, transformation_name, source_database, last_etag, updated_at) VALUES"
                + " (s.source_database_id, s.task_name, s.transformation_name, s.source_database, s.last_etag, SYSUTCDATETIME());");
        assertThat(d.selectCheckpoint()).isEqualTo("SELECT last_etag FROM corvid_etl_state WHERE source_database_id = ?"
                + " AND task_name = ? AND transformation_name = ?");
        assertThat(d.isTransient(new SQLException("deadlock victim", "40001", 1205))).isTrue();
        assertThat(d.isTransient(new SQLException("Invalid object name 'Orders'", "S0002", 208))).isFalse();
        assertThat(d.isTransient(new SQLException("Cannot insert duplicate key", "23000", 2627))).isFalse();
        assertThat(d.isTransient(new SQLException("Cannot open database", "S0001", 4060))).isTrue();
    }

    @Test
    void oracle() {
        SqlDialect d = OracleDialect.INSTANCE;
        assertThat(d.tableName("HR.Orders", true)).isEqualTo("\"HR\".\"Orders\"");
        assertThat(d.deletes("\"Orders\"", "DocId", List.of("a", "b"), true, true))
                .as("no OPTION(RECOMPILE) outside SQL Server")
                .containsExactly(new SqlCommand("DELETE FROM \"Orders\" WHERE \"DocId\" IN (?, ?)", List.of("a", "b")));
        assertThat(d.deletes("\"Orders\"", "DocId", List.of("o'1"), false, false))
                .containsExactly(new SqlCommand("DELETE FROM \"Orders\" WHERE \"DocId\" IN ('o''1')", List.of()));
        assertThat(d.rowsPerInsert(3)).as("no multi-row VALUES; the driver batches").isEqualTo(1);
        assertThat(d.insert("\"Orders\"", COLUMNS, 1, true)).isEqualTo("INSERT INTO \"Orders\" (\"DocId\", \"Name\") VALUES (?, ?)");
        assertThat(d.createCheckpointTable()).containsExactly("BEGIN EXECUTE IMMEDIATE 'CREATE TABLE corvid_etl_state"
                + " (source_database_id VARCHAR2(64) NOT NULL, task_name VARCHAR2(128) NOT NULL, transformation_name VARCHAR2(128)"
                + " NOT NULL, source_database VARCHAR2(256), last_etag NUMBER(19) NOT NULL, updated_at TIMESTAMP NOT NULL,"
                + " PRIMARY KEY (source_database_id, task_name, transformation_name))'; EXCEPTION WHEN OTHERS THEN"
                + " IF SQLCODE != -955 THEN RAISE; END IF; END;");
        assertThat(d.upsertCheckpoint()).isEqualTo("MERGE INTO corvid_etl_state t USING (SELECT ? AS source_database_id, ? AS"
                + " task_name, ? AS transformation_name, ? AS source_database, ? AS last_etag FROM dual) s ON"
                + " (t.source_database_id = s.source_database_id AND t.task_name = s.task_name AND t.transformation_name ="
                + " s.transformation_name) WHEN MATCHED THEN UPDATE SET t.source_database = s.source_database, t.last_etag ="
                + " s.last_etag, t.updated_at = SYSTIMESTAMP WHEN NOT MATCHED THEN INSERT (source_database_id, task_name,"
                + " transformation_name, source_database, last_etag, updated_at) VALUES (s.source_database_id, s.task_name,"
                + " s.transformation_name, s.source_database, s.last_etag, SYSTIMESTAMP)");
        assertThat(d.isTransient(new SQLException("ORA-00060: deadlock detected", "61000", 60))).isTrue();
        assertThat(d.isTransient(new SQLException("ORA-00942: table or view does not exist", "42000", 942))).isFalse();
        assertThat(d.isTransient(new SQLException("ORA-12899: value too large", "72000", 12899))).isFalse();
        assertThat(d.isTransient(new SQLException("ORA-03113: end-of-file on communication channel", "08006", 3113))).isTrue();
    }

    @Test
    void mySqlAndMariaDb() {
        SqlDialect my = MySqlDialect.INSTANCE;
        assertThat(my.tableName("shop.Order Lines", true)).isEqualTo("`shop`.`Order Lines`");
        assertThat(my.deletes("`Orders`", "DocId", List.of("a\\b'c"), false, true))
                .as("backslashes escaped, and no OPTION(RECOMPILE) (a RavenDB bug for MySQL)")
                .containsExactly(new SqlCommand("DELETE FROM `Orders` WHERE `DocId` IN ('a\\\\b''c')", List.of()));
        assertThat(my.upsertCheckpoint()).isEqualTo("INSERT INTO corvid_etl_state (source_database_id, task_name,"
                + " transformation_name, source_database, last_etag, updated_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6)) AS"
                + " incoming ON DUPLICATE KEY UPDATE source_database = incoming.source_database, last_etag = incoming.last_etag,"
                + " updated_at = incoming.updated_at");
        assertThat(my.defaultProperties()).containsEntry("rewriteBatchedStatements", "true");
        assertThat(MariaDbDialect.INSTANCE.upsertCheckpoint()).contains("ON DUPLICATE KEY UPDATE source_database = VALUES(source_database)");
        assertThat(MariaDbDialect.INSTANCE.createCheckpointTable().get(0)).endsWith("ENGINE=InnoDB");
        assertThat(my.isTransient(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(my.isTransient(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(my.isTransient(new SQLException("Table 'test.x' doesn't exist", "42S02", 1146))).isFalse();
        assertThat(my.isTransient(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
    }

    @Test
    void postgresBindsTheIdsOfAChunkAsOneArray() {
        SqlDialect pg = PostgresDialect.INSTANCE;
        List<String> ids = IntStream.range(0, 2500).mapToObj(i -> "orders/" + i).toList();
        List<SqlCommand> deletes = pg.deletes("\"Orders\"", "DocId", ids, true, true);
        assertThat(deletes).hasSize(3).allSatisfy(c -> {
            assertThat(c.text()).isEqualTo("DELETE FROM \"Orders\" WHERE \"DocId\" = ANY (?)");
            assertThat(c.parameters()).hasSize(1);
        });
        assertThat((String[]) deletes.get(2).parameters().get(0)).hasSize(500);
        assertThat(pg.deletes("\"Orders\"", "DocId", List.of("x"), false, false).get(0).text())
                .isEqualTo("DELETE FROM \"Orders\" WHERE \"DocId\" IN ('x')");
        assertThat(pg.rowWriter().describe(pg, "\"Orders\"", COLUMNS, List.<Object[]>of(new Object[] {"o/1", null}), false))
                .containsExactly(new SqlCommand("COPY \"Orders\" (\"DocId\", \"Name\") FROM STDIN (FORMAT csv)",
                        List.of(java.util.Arrays.asList("o/1", null))));
        assertThat(pg.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(pg.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(pg.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(pg.isTransient(new SQLException("relation \"x\" does not exist", "42P01"))).isFalse();
        assertThat(pg.isTransient(new SQLException("invalid input syntax for type integer", "22P02"))).isFalse();
        assertThat(pg.isTransient(new SQLException("null value in column violates not-null constraint", "23502"))).isFalse();
        assertThat(pg.isTransient(new SQLException("An I/O error occurred while sending to the backend.", "08006"))).isTrue();
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "22001", 0, new int[0], null);
        batch.setNextException(new SQLException("value too long", "22001"));
        assertThat(pg.isTransient(batch)).isFalse();
    }

    @Test
    void csvRowsForCopyQuoteEverythingAndLeaveNullEmpty() {
        StringBuilder line = new StringBuilder();
        PostgresCopyWriter.appendRow(line, new Object[] {"a \"b\", c\nd", null, "", 12L, new java.math.BigDecimal("1E+3"),
                true, new byte[] {0, (byte) 0xAB}, List.of("x", "y\"z")});
        assertThat(line.toString()).isEqualTo("\"a \"\"b\"\", c\nd\",,\"\",\"12\",\"1000\",\"true\",\"\\x00ab\",\"{\"\"x\"\",\"\"y\\\"\"z\"\"}\"\n");
    }

    @Test
    void loadDataValuesEscapeWhatTheFormatUsesAndCopyTheRestInRuns() {
        StringBuilder line = new StringBuilder();
        for (Object value : new Object[] {"plain", "tab\there", "a\\b\nc\rd\0e", null, 12L, true, ""}) {
            MariaDbLoadDataWriter.appendValue(line, value);
            line.append('|');
        }
        assertThat(line.toString()).isEqualTo("plain|tab\\there|a\\\\b\\nc\\rd\\0e|\\N|12|1||");
    }

    @Test
    void theEmptinessCheckOfAnInitialLoadReadsOneRowAtMost() {
        assertThat(SqlServerDialect.INSTANCE.anyRow("[dbo].[Orders]")).isEqualTo("SELECT TOP 1 1 FROM [dbo].[Orders]");
        assertThat(OracleDialect.INSTANCE.anyRow("\"ORDERS\"")).isEqualTo("SELECT 1 FROM \"ORDERS\" WHERE ROWNUM = 1");
        for (SqlDialect dialect : List.of(PostgresDialect.INSTANCE, MariaDbDialect.INSTANCE, MySqlDialect.INSTANCE,
                SqliteDialect.INSTANCE, DuckDbDialect.INSTANCE, H2Dialect.INSTANCE)) {
            assertThat(dialect.anyRow("Orders")).as(dialect.name()).isEqualTo("SELECT 1 FROM Orders LIMIT 1");
        }
    }

    @Test
    void deleteChunksHaveAtMostAThousandIdsAndFewDistinctTexts() {
        SqlDialect h2 = H2Dialect.INSTANCE;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2300; i++) {
            ids.add("d/" + i);
        }
        List<SqlCommand> deletes = h2.deletes("\"T\"", "Id", ids, true, false);
        assertThat(deletes).extracting(c -> c.parameters().size()).containsExactly(1000, 1000, 512);
        assertThat(deletes.get(2).parameters().subList(300, 512)).containsOnly("d/2299");
        assertThat(SqlDialect.paddedSize(1)).isEqualTo(1);
        assertThat(SqlDialect.paddedSize(3)).isEqualTo(4);
        assertThat(SqlDialect.paddedSize(999)).isEqualTo(1000);
    }

    @Test
    void embeddedDialects() {
        assertThat(SqliteDialect.INSTANCE.upsertCheckpoint()).endsWith("ON CONFLICT (source_database_id, task_name,"
                + " transformation_name) DO UPDATE SET source_database = EXCLUDED.source_database, last_etag = EXCLUDED.last_etag,"
                + " updated_at = EXCLUDED.updated_at");
        assertThat(H2Dialect.INSTANCE.upsertCheckpoint()).isEqualTo("MERGE INTO corvid_etl_state (source_database_id, task_name,"
                + " transformation_name, source_database, last_etag, updated_at) KEY (source_database_id, task_name,"
                + " transformation_name) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)");
        assertThat(SqliteDialect.INSTANCE.isTransient(new SQLException("[SQLITE_BUSY] database is locked", null, 5))).isTrue();
        assertThat(SqliteDialect.INSTANCE.isTransient(new SQLException("[SQLITE_ERROR] no such table: x", null, 1))).isFalse();
        assertThat(DuckDbDialect.INSTANCE.isTransient(new SQLException("Catalog Error: Table with name x does not exist!"))).isFalse();
        assertThat(DuckDbDialect.INSTANCE.isTransient(new SQLException("IO Error: Could not set lock on file"))).isTrue();
        assertThat(SqlDialects.forFactoryName("npgsql")).containsSame(PostgresDialect.INSTANCE);
        assertThat(SqlDialects.forJdbcUrl("JDBC:DuckDB:/x")).containsSame(DuckDbDialect.INSTANCE);
    }
}
