package dev.corvid.server.etl.load.sql.dialect;

import java.util.List;
import java.util.Set;

/**
 * Oracle ({@code Oracle.ManagedDataAccess.Client}): double quotes (so names keep their case, as in
 * RavenDB), single-row inserts in one JDBC batch (Oracle has no multi-row {@code VALUES}; the driver
 * sends the batch in one round trip), the checkpoint table created by a PL/SQL block that tolerates
 * ORA-00955 and upserted with {@code MERGE … USING dual}. Oracle stores empty strings as NULL. Not run
 * against a real server here: the tests pin the exact SQL.
 */
public final class OracleDialect implements SqlDialect {
    public static final OracleDialect INSTANCE = new OracleDialect();

    /** 60 deadlock, 51 timeout, 54 resource busy, 1013 cancelled, 3113/3114/3135 connection lost, 12xxx listener/network, 17002/17008 driver I/O, 1033/1034/1089 starting or shutting down, 30006. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(60, 51, 54, 1013, 3113, 3114, 3135, 12170, 12514, 12528,
            12537, 12541, 12543, 17002, 17008, 1033, 1034, 1089, 30006);
    /** 942 no table, 904 invalid identifier, 1 unique, 1400 NULL, 1722 invalid number, 12899 too large, 1861/1843/1858 dates, 1438 precision, 2291/2292 foreign key, 913/947 value count. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(942, 904, 1, 1400, 1722, 12899, 1861, 1843, 1858, 1438,
            2291, 2292, 913, 947);
    private static final ErrorCodes ERROR_CODES = new ErrorCodes(TRANSIENT_CODES, PERMANENT_CODES);

    private OracleDialect() {
    }

    @Override
    public String name() {
        return "Oracle";
    }

    @Override
    public String driverClassName() {
        return "oracle.jdbc.OracleDriver";
    }

    @Override
    public int rowsPerInsert(int columns) {
        return 1;
    }

    @Override
    public ErrorCodes errorCodes() {
        return ERROR_CODES;
    }

    @Override
    public List<String> createCheckpointTable() {
        String create = "CREATE TABLE " + CHECKPOINT_TABLE + " ("
                + SqlDialect.checkpointColumns("VARCHAR2", "256", "NUMBER(19)", "TIMESTAMP") + ")";
        return List.of("BEGIN EXECUTE IMMEDIATE '" + create.replace("'", "''") + "'; EXCEPTION WHEN OTHERS THEN"
                + " IF SQLCODE != -955 THEN RAISE; END IF; END;");
    }

    @Override
    public String anyRow(String sqlTable) {
        return "SELECT 1 FROM " + sqlTable + " WHERE ROWNUM = 1";
    }

    @Override
    public String upsertCheckpoint() {
        return "MERGE INTO " + CHECKPOINT_TABLE + " t USING (SELECT ? AS source_database_id, ? AS task_name,"
                + " ? AS transformation_name, ? AS source_database, ? AS last_etag FROM dual) s"
                + " ON (t.source_database_id = s.source_database_id AND t.task_name = s.task_name"
                + " AND t.transformation_name = s.transformation_name)"
                + " WHEN MATCHED THEN UPDATE SET t.source_database = s.source_database, t.last_etag = s.last_etag,"
                + " t.updated_at = SYSTIMESTAMP"
                + " WHEN NOT MATCHED THEN INSERT (" + CHECKPOINT_INSERT_COLUMNS + ") VALUES (s.source_database_id,"
                + " s.task_name, s.transformation_name, s.source_database, s.last_etag, SYSTIMESTAMP)";
    }
}
