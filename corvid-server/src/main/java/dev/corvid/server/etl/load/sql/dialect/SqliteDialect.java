package dev.corvid.server.etl.load.sql.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Set;

/**
 * SQLite files ({@code jdbc:sqlite:path}): multi-row inserts (up to 32766 parameters per statement),
 * dates and UUIDs stored as ISO text (SQLite has no such types), the checkpoint upserted with
 * {@code ON CONFLICT}. SQLite's errors carry result codes instead of SQLStates.
 */
public final class SqliteDialect implements SqlDialect {
    public static final SqliteDialect INSTANCE = new SqliteDialect();

    /** SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PROTOCOL. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(5, 6, 7, 10, 13, 14, 15);
    /** SQLITE_ERROR (no such table/column, syntax), SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(1, 18, 19, 20, 25);
    private static final ErrorCodes ERROR_CODES = new ErrorCodes(TRANSIENT_CODES, PERMANENT_CODES);

    private SqliteDialect() {
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String driverClassName() {
        return "org.sqlite.JDBC";
    }

    @Override
    public boolean convertsTemporalStrings() {
        return false;
    }

    @Override
    public int maxParameters() {
        return 32_000;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value instanceof TemporalAccessor || value instanceof java.util.UUID) {
            statement.setString(index, value.toString());
        } else if (value instanceof List<?> list) {
            statement.setString(index, list.toString());
        } else {
            SqlDialect.super.bind(statement, index, value, sqlType);
        }
    }

    @Override
    public ErrorCodes errorCodes() {
        return ERROR_CODES;
    }

    /** The primary result code: the extended codes carry more detail in the upper bits. */
    @Override
    public int errorCode(SQLException error) {
        return error.getErrorCode() & 0xFF;
    }

    @Override
    public List<String> createCheckpointTable() {
        return List.of("CREATE TABLE IF NOT EXISTS " + CHECKPOINT_TABLE + " ("
                + SqlDialect.checkpointColumns("VARCHAR", "256", "INTEGER", "TIMESTAMP") + ")");
    }

    @Override
    public String upsertCheckpoint() {
        return SqlDialect.upsertCheckpointOnConflict();
    }
}
