package dev.corvid.server.etl.load.sql.dialect;

import java.util.Map;

/**
 * MariaDB through MariaDB Connector/J, also used for the .NET MySQL provider names (the driver speaks
 * to MySQL servers too). Rows go in with {@code LOAD DATA LOCAL INFILE} from memory
 * ({@link MariaDbLoadDataWriter}), else as single-row prepared inserts in one JDBC batch, which the
 * driver sends as one bulk command ({@code COM_STMT_BULK_EXECUTE}); tables must be InnoDB for the
 * batch and its checkpoint to commit together. The driver sends a local file only for the statement
 * that names it, so {@code allowLocalInfile} does not let a server ask for other files.
 */
public final class MariaDbDialect extends MySqlFamily {
    public static final MariaDbDialect INSTANCE = new MariaDbDialect();

    private MariaDbDialect() {
    }

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public String driverClassName() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    public Map<String, String> defaultProperties() {
        return Map.of("useBulkStmts", "true", "useBulkStmtsForInserts", "true", "cachePrepStmts", "true", "allowLocalInfile", "true");
    }

    @Override
    public RowWriter rowWriter() {
        return MariaDbLoadDataWriter.INSTANCE;
    }

    /** MariaDB has no row alias in {@code INSERT … ON DUPLICATE KEY UPDATE}: {@code VALUES(column)} it is. */
    @Override
    public String upsertCheckpoint() {
        return "INSERT INTO " + CHECKPOINT_TABLE + " (" + CHECKPOINT_INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6))"
                + " ON DUPLICATE KEY UPDATE source_database = VALUES(source_database), last_etag = VALUES(last_etag),"
                + " updated_at = VALUES(updated_at)";
    }
}
