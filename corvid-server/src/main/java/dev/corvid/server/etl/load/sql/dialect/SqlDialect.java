package dev.corvid.server.etl.load.sql.dialect;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What differs between the SQL databases SQL ETL writes to: quoting, the statements it sends, the
 * fast way to write many rows, how a failure is classified, and the checkpoint table that makes
 * loading exactly-once. One class per database; what most databases share lives in the default
 * methods here, and a dialect overrides only where its SQL differs.
 *
 * <p>The checkpoint table, created by Corvid in the target database (in the connection's default
 * schema) the first time a task connects:
 * <pre>
 * corvid_etl_state(source_database_id, task_name, transformation_name,  -- primary key
 *                  source_database, last_etag, updated_at)
 * </pre>
 * One row per (source database, task, script): the etag of the last source change whose rows are in
 * the target. It is written in the same transaction as the rows, so after any crash the rows and the
 * checkpoint agree, and the process resumes exactly after the last committed batch.
 *
 * <p>Dialects are stateless and thread-safe.
 */
public sealed interface SqlDialect
        permits PostgresDialect, MySqlFamily, SqlServerDialect, OracleDialect, SqliteDialect, DuckDbDialect, H2Dialect {
    /** RavenDB's limit of ids per {@code DELETE … IN (…)}, kept for every database. */
    int MAX_IDS_PER_DELETE = 1000;
    String CHECKPOINT_TABLE = "corvid_etl_state";
    String CHECKPOINT_KEY = "source_database_id = ? AND task_name = ? AND transformation_name = ?";

    /** For messages: {@code PostgreSQL}, {@code MariaDB}, … */
    String name();

    /** The JDBC driver, loaded by name so that a missing one gives a clear message. */
    String driverClassName();

    /** Connection properties Corvid sets unless the connection string sets them itself. */
    default Map<String, String> defaultProperties() {
        return Map.of();
    }

    /** An identifier in the database's quotes, embedded quotes doubled. */
    default String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The table name as it goes into SQL: with {@code quote}, each dot-separated part quoted on its own. */
    default String tableName(String table, boolean quote) {
        if (!quote) {
            return table;
        }
        return Arrays.stream(table.split("\\.", -1)).map(this::quoteIdentifier).collect(Collectors.joining("."));
    }

    /** A string literal for statements that inline values ({@code ParameterizeDeletes = false}). */
    default String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** What {@code ForceQueryRecompile} appends to a statement; only SQL Server has it. */
    default String recompileHint(boolean forceRecompile) {
        return "";
    }

    /**
     * Deletes the rows of {@code ids} from a table, at most {@link #MAX_IDS_PER_DELETE} ids per
     * statement. A short last chunk is padded to a power of two by repeating its last id, so that a
     * handful of statement texts serve every batch and stay prepared across batches.
     */
    default List<SqlCommand> deletes(String table, String idColumn, List<String> ids, boolean parameterize, boolean recompile) {
        List<SqlCommand> commands = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_DELETE) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_DELETE));
            String prefix = "DELETE FROM " + table + " WHERE " + quoteIdentifier(idColumn) + " IN (";
            if (parameterize) {
                List<Object> parameters = new ArrayList<>(chunk);
                int size = paddedSize(chunk.size());
                while (parameters.size() < size) {
                    parameters.add(chunk.get(chunk.size() - 1));
                }
                commands.add(new SqlCommand(prefix + placeholders(size) + ")" + recompileHint(recompile), parameters));
            } else {
                String literals = chunk.stream().map(this::stringLiteral).collect(Collectors.joining(", "));
                commands.add(new SqlCommand(prefix + literals + ")" + recompileHint(recompile), List.of()));
            }
        }
        return commands;
    }

    /** {@code n} rounded up to a power of two, at most {@link #MAX_IDS_PER_DELETE}. */
    static int paddedSize(int n) {
        int size = Integer.highestOneBit(Math.max(1, n));
        if (size < n) {
            size <<= 1;
        }
        return Math.min(MAX_IDS_PER_DELETE, size);
    }

    static String placeholders(int count) {
        StringBuilder text = new StringBuilder(count * 3);
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "?" : ", ?");
        }
        return text.toString();
    }

    /** {@code INSERT INTO t ("a", "b") VALUES (?, ?), (?, ?)} for {@code rows} rows. */
    default String insert(String table, List<String> columns, int rows, boolean recompile) {
        String row = "(" + placeholders(columns.size()) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(columns.stream().map(this::quoteIdentifier).collect(Collectors.joining(", ")))
                .append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.append(recompileHint(recompile)).toString();
    }

    /** The most bind parameters one statement may have. */
    default int maxParameters() {
        return 2000;
    }

    /** The most rows one multi-row {@code INSERT} may have. */
    default int maxRowsPerInsert() {
        return 1000;
    }

    /** Rows per {@code INSERT} statement for a column count; 1 where the driver batches single-row inserts itself. */
    default int rowsPerInsert(int columns) {
        return Math.max(1, Math.min(maxRowsPerInsert(), maxParameters() / Math.max(1, columns)));
    }

    /**
     * Whether ISO date strings going into temporal columns (by the table's JDBC metadata) are
     * converted to java.time values before binding. PostgreSQL parses them itself in {@code COPY};
     * SQLite has no temporal types and keeps the text.
     */
    default boolean convertsTemporalStrings() {
        return true;
    }

    default RowWriter rowWriter() {
        return InsertBatchWriter.INSTANCE;
    }

    /**
     * Binds one value. Values are what {@code SqlValues} produces: null, String, Long, BigDecimal,
     * Double, Boolean, byte[], UUID, java.time values, or List (arrays).
     *
     * @param sqlType the column's {@link Types} code when known, else {@link Types#NULL}
     */
    default void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, sqlType == Types.OTHER ? Types.NULL : sqlType);
            case String s -> statement.setString(index, s);
            case Long l -> statement.setLong(index, l);
            case Boolean b -> statement.setBoolean(index, b);
            case byte[] bytes -> statement.setBytes(index, bytes);
            case java.math.BigDecimal d -> statement.setBigDecimal(index, d);
            case Double d -> statement.setDouble(index, d);
            case List<?> list -> statement.setObject(index, list.toArray());
            default -> statement.setObject(index, value);
        }
    }

    /**
     * True when the same batch may succeed later: the connection failed, a deadlock or serialization
     * failure, a timeout, the server shutting down or out of resources. False for errors in what was
     * sent (syntax, unknown table or column, data, constraints), which retrying cannot fix.
     * Unknown errors count as transient: the batch is retried with back-off and the error shown.
     */
    default boolean isTransient(SQLException error) {
        ErrorCodes codes = errorCodes();
        if (codes != ErrorCodes.NONE) {
            for (SQLException e : chain(error)) {
                int code = errorCode(e);
                if (codes.transientCodes().contains(code)) {
                    return true;
                }
                if (codes.permanentCodes().contains(code)) {
                    return false;
                }
            }
        }
        for (SQLException e : chain(error)) {
            if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                    || e instanceof SQLNonTransientConnectionException) {
                return true;
            }
            String state = e.getSQLState();
            if (state != null && state.length() >= 2) {
                String stateClass = state.substring(0, 2);
                if (TRANSIENT_STATE_CLASSES.contains(stateClass) || state.startsWith("HYT")) {
                    return true;
                }
                if (PERMANENT_STATE_CLASSES.contains(stateClass)) {
                    return false;
                }
            }
            if (e.getCause() instanceof java.io.IOException) {
                return true;
            }
        }
        return true;
    }

    /**
     * Vendor error codes a database documents as transient and as permanent. The first error of the
     * chain whose code is listed decides, before the SQLState classes are looked at.
     */
    record ErrorCodes(Set<Integer> transientCodes, Set<Integer> permanentCodes) {
        public static final ErrorCodes NONE = new ErrorCodes(Set.of(), Set.of());
    }

    /** This database's vendor error codes for {@link #isTransient}; none by default. */
    default ErrorCodes errorCodes() {
        return ErrorCodes.NONE;
    }

    /** One error's vendor code, as {@link #errorCodes()} lists them. */
    default int errorCode(SQLException error) {
        return error.getErrorCode();
    }

    /** SQLState classes: 08 connection, 40 transaction rollback (deadlock, serialization), 53 resources, 57 operator intervention, 58 system. */
    Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** SQLState classes: 0A not supported, 21 cardinality, 22 data, 23 constraint, 42 syntax or access rule, 44 check option. */
    Set<String> PERMANENT_STATE_CLASSES = Set.of("0A", "21", "22", "23", "42", "44");

    /** The exception, the exceptions chained to it with {@code getNextException()} (batches), then their causes. */
    static List<SQLException> chain(SQLException error) {
        List<SQLException> all = new ArrayList<>();
        for (SQLException e = error; e != null && all.size() < 20; e = e.getNextException()) {
            all.add(e);
            Throwable cause = e.getCause();
            while (cause != null && all.size() < 20) {
                if (cause instanceof SQLException sql && !all.contains(sql)) {
                    all.add(sql);
                }
                cause = cause.getCause();
            }
            if (e instanceof BatchUpdateException && e.getNextException() == e) {
                break;
            }
        }
        return all;
    }

    /**
     * Statements that create the checkpoint table unless it exists; run outside the load transactions.
     * By default standard SQL with {@code IF NOT EXISTS} (PostgreSQL, DuckDB, H2).
     */
    default List<String> createCheckpointTable() {
        return List.of("CREATE TABLE IF NOT EXISTS " + CHECKPOINT_TABLE + " ("
                + checkpointColumns("VARCHAR", "256", "BIGINT", "TIMESTAMP") + ")");
    }

    /** Inserts or updates the checkpoint row; parameters: source database id, task, script, source database name, etag. */
    String upsertCheckpoint();

    default String selectCheckpoint() {
        return "SELECT last_etag FROM " + CHECKPOINT_TABLE + " WHERE " + CHECKPOINT_KEY;
    }

    /** A query that returns a row when {@code sqlTable} (quoted as configured) has any. */
    default String anyRow(String sqlTable) {
        return "SELECT 1 FROM " + sqlTable + " LIMIT 1";
    }

    default String deleteCheckpoint() {
        return "DELETE FROM " + CHECKPOINT_TABLE + " WHERE " + CHECKPOINT_KEY;
    }

    /**
     * What lets two batches of one script load at once on two connections (the second commits only
     * after the first did); empty when this database loads one batch at a time.
     */
    default Optional<Overlap> overlap() {
        return Optional.empty();
    }

    /**
     * The two queries behind {@link #overlap()}. While a batch waits for the one before it to commit,
     * it asks every so often whether that one waits for a lock it holds (directly or through other
     * sessions): a unique key its rows share, say. If so it rolls back to let it through, then does its
     * work again: a wait the database cannot see as a deadlock, because one side of it is in Corvid.
     *
     * @param sessionId   a query returning the session's id as one {@code long}
     * @param isBlocking  a query taking another session's id and returning true when that session
     *                    waits, directly or not, for a lock held by this one
     */
    record Overlap(String sessionId, String isBlocking) {
    }

    /** The checkpoint table's columns with the given types, for {@code CREATE TABLE}. */
    static String checkpointColumns(String text, String name, String bigint, String timestamp) {
        return "source_database_id " + text + "(64) NOT NULL, task_name " + text + "(128) NOT NULL, transformation_name "
                + text + "(128) NOT NULL, source_database " + text + "(" + name + "), last_etag " + bigint
                + " NOT NULL, updated_at " + timestamp + " NOT NULL, PRIMARY KEY (source_database_id, task_name, transformation_name)";
    }

    String CHECKPOINT_INSERT_COLUMNS = "source_database_id, task_name, transformation_name, source_database, last_etag, updated_at";

    /** The checkpoint upsert of the databases with PostgreSQL's {@code INSERT … ON CONFLICT … DO UPDATE}. */
    static String upsertCheckpointOnConflict() {
        return "INSERT INTO " + CHECKPOINT_TABLE + " (" + CHECKPOINT_INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)"
                + " ON CONFLICT (source_database_id, task_name, transformation_name) DO UPDATE SET"
                + " source_database = EXCLUDED.source_database, last_etag = EXCLUDED.last_etag, updated_at = EXCLUDED.updated_at";
    }
}
