package dev.corvid.server.etl.load.sql.dialect;

import java.util.Map;

/**
 * MySQL through MySQL Connector/J ({@code jdbc:mysql:} URLs). Single-row prepared inserts in one JDBC
 * batch, which the driver rewrites into multi-row inserts ({@code rewriteBatchedStatements}). Unlike
 * RavenDB, identifiers are quoted and {@code ForceQueryRecompile} adds nothing: MySQL has no
 * {@code OPTION(RECOMPILE)}.
 */
public final class MySqlDialect extends MySqlFamily {
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

    /** MySQL 8.0.19+ row alias; {@code VALUES(column)} is deprecated there. */
    @Override
    public String upsertCheckpoint() {
        return "INSERT INTO " + CHECKPOINT_TABLE + " (" + CHECKPOINT_INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(6))"
                + " AS incoming ON DUPLICATE KEY UPDATE source_database = incoming.source_database,"
                + " last_etag = incoming.last_etag, updated_at = incoming.updated_at";
    }
}
