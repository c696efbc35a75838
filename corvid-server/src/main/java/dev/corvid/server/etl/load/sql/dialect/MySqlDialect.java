package dev.corvid.server.etl.load.sql.dialect;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * MySQL through MySQL Connector/J ({@code jdbc:mysql:} URLs). Single-row prepared inserts in one JDBC
 * batch, which the driver rewrites into multi-row inserts ({@code rewriteBatchedStatements}). Unlike
 * RavenDB, identifiers are quoted and {@code ForceQueryRecompile} adds nothing: MySQL has no
 * {@code OPTION(RECOMPILE)}.
 */
public final class MySqlDialect implements SqlDialect {
    public static final MySqlDialect INSTANCE = new MySqlDialect();

    private MySqlDialect() {
    }

    @Override
    public String name() {
        return "MySQL";
    }

    @Override
    public String driverClassName() {
        return "com.mysql.cj.jdbc.Driver";
    }

    @Override
    public Map<String, String> defaultProperties() {
        return Map.of("rewriteBatchedStatements", "true", "cachePrepStmts", "true");
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return MySqlFamily.quoteIdentifier(identifier);
    }

    @Override
    public String stringLiteral(String value) {
        return MySqlFamily.stringLiteral(value);
    }

    @Override
    public int rowsPerInsert(int columns) {
        return 1;
    }

    @Override
    public boolean isTransient(SQLException error) {
        Boolean known = MySqlFamily.classify(error);
        return known != null ? known : SqlDialect.super.isTransient(error);
    }

    @Override
    public List<String> createCheckpointTable() {
        return MySqlFamily.createCheckpointTable();
    }

    /** MySQL 8.0.19+ row alias; {@code VALUES(column)} is deprecated there. */
    @Override
    public String upsertCheckpoint() {
        return "INSERT INTO " + CHECKPOINT_TABLE + " (" + CHECKPOINT_INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6))"
                + " AS incoming ON DUPLICATE KEY UPDATE source_database = incoming.source_database,"
                + " last_etag = incoming.last_etag, updated_at = incoming.updated_at";
    }
}
