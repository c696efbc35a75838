package dev.corvid.server.etl.load.sql.dialect;


/**
 * H2 database files ({@code jdbc:h2:path}): multi-row inserts, standard SQLStates, the checkpoint
 * upserted with H2's {@code MERGE INTO … KEY (…)}. Quoted names keep their case while unquoted ones
 * are upper-cased, so tables and columns are best created with quoted names.
 */
public final class H2Dialect implements SqlDialect {
    public static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String driverClassName() {
        return "org.h2.Driver";
    }

    @Override
    public int maxParameters() {
        return 10_000;
    }

    @Override
    public String upsertCheckpoint() {
        return "MERGE INTO " + CHECKPOINT_TABLE + " (" + CHECKPOINT_INSERT_COLUMNS + ") KEY (source_database_id, task_name,"
                + " transformation_name) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)";
    }
}
