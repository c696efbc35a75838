package dev.corvid.server.etl.load.sql.dialect;

import java.util.List;
import java.util.Set;

/**
 * Microsoft SQL Server ({@code System.Data.SqlClient}, {@code Microsoft.Data.SqlClient}): brackets,
 * {@code OPTION(RECOMPILE)} when the task forces recompiles, multi-row inserts within the limit of
 * 2100 parameters and 1000 rows per {@code VALUES}, the checkpoint upserted with {@code MERGE}.
 * Not run against a real server here: the tests pin the exact SQL.
 */
public final class SqlServerDialect implements SqlDialect {
    public static final SqlServerDialect INSTANCE = new SqlServerDialect();

    /** 1205 deadlock victim, 1222 lock timeout, -2 timeout, 4060 cannot open database, 233/10053/10054/10060 network, 40197/40501/40613/49918/49919/49920 Azure throttling and failover. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1222, -2, 4060, 233, 10053, 10054, 10060, 40197,
            40501, 40613, 49918, 49919, 49920, 64, 20);
    /** 208 invalid object, 207 invalid column, 2627/2601 duplicate key, 515 NULL not allowed, 245/8114 conversion, 8152/2628 truncation, 547 constraint, 102 syntax. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(208, 207, 2627, 2601, 515, 245, 8114, 8152, 2628, 547, 102);
    private static final ErrorCodes ERROR_CODES = new ErrorCodes(TRANSIENT_CODES, PERMANENT_CODES);

    private SqlServerDialect() {
    }

    @Override
    public String name() {
        return "SQL Server";
    }

    @Override
    public String driverClassName() {
        return "com.microsoft.sqlserver.jdbc.SQLServerDriver";
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }

    /** Unicode literal, so that ids outside the code page match. */
    @Override
    public String stringLiteral(String value) {
        return "N'" + value.replace("'", "''") + "'";
    }

    @Override
    public String recompileHint(boolean forceRecompile) {
        return forceRecompile ? " OPTION(RECOMPILE)" : "";
    }

    @Override
    public int maxParameters() {
        return 2000;
    }

    @Override
    public ErrorCodes errorCodes() {
        return ERROR_CODES;
    }

    @Override
    public List<String> createCheckpointTable() {
        return List.of("IF OBJECT_ID(N'" + CHECKPOINT_TABLE + "', N'U') IS NULL CREATE TABLE " + CHECKPOINT_TABLE + " ("
                + SqlDialect.checkpointColumns("NVARCHAR", "256", "BIGINT", "DATETIME2") + ")");
    }

    @Override
    public String anyRow(String sqlTable) {
        return "SELECT TOP 1 1 FROM " + sqlTable;
    }

    @Override
    public String upsertCheckpoint() {
        return "MERGE " + CHECKPOINT_TABLE + " WITH (HOLDLOCK) AS t USING (SELECT ? AS source_database_id, ? AS task_name,"
                + " ? AS transformation_name, ? AS source_database, ? AS last_etag) AS s"
                + " ON t.source_database_id = s.source_database_id AND t.task_name = s.task_name"
                + " AND t.transformation_name = s.transformation_name"
                + " WHEN MATCHED THEN UPDATE SET source_database = s.source_database, last_etag = s.last_etag,"
                + " updated_at = SYSUTCDATETIME()"
                + " WHEN NOT MATCHED THEN INSERT (" + CHECKPOINT_INSERT_COLUMNS + ") VALUES (s.source_database_id,"
                + " s.task_name, s.transformation_name, s.source_database, s.last_etag, SYSUTCDATETIME());";
    }
}
