package dev.corvid.server.etl.load.sql.dialect;

import java.sql.SQLException;
import java.util.List;

/**
 * DuckDB files ({@code jdbc:duckdb:path}): multi-row inserts, the checkpoint upserted with
 * {@code ON CONFLICT}. DuckDB's errors carry no SQLState; their message names the kind
 * ({@code Catalog Error}, {@code Constraint Error}, {@code IO Error}, …), which decides.
 */
public final class DuckDbDialect implements SqlDialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private static final List<String> PERMANENT_KINDS = List.of("Catalog Error", "Binder Error", "Parser Error",
            "Conversion Error", "Constraint Error", "Invalid Input Error", "Out of Range Error", "Mismatch Type Error",
            "Not implemented Error", "Syntax Error");
    private static final List<String> TRANSIENT_KINDS = List.of("IO Error", "TransactionContext Error", "Interrupt Error",
            "Out of Memory Error", "Connection Error");

    private DuckDbDialect() {
    }

    @Override
    public String name() {
        return "DuckDB";
    }

    @Override
    public String driverClassName() {
        return "org.duckdb.DuckDBDriver";
    }

    @Override
    public int maxParameters() {
        return 10_000;
    }

    @Override
    public boolean isTransient(SQLException error) {
        for (SQLException e : SqlDialect.chain(error)) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (PERMANENT_KINDS.stream().anyMatch(message::contains)) {
                return false;
            }
            if (TRANSIENT_KINDS.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return SqlDialect.super.isTransient(error);
    }

    @Override
    public String upsertCheckpoint() {
        return SqlDialect.upsertCheckpointOnConflict();
    }
}
