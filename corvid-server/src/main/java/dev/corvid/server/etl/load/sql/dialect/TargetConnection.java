package dev.corvid.server.etl.load.sql.dialect;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A JDBC connection to the target database with its dialect and the statements prepared on it,
 * which are reused from batch to batch (the drivers then keep them prepared on the server, too).
 * Not thread-safe: one per ETL process, used by one thread at a time.
 */
public final class TargetConnection implements AutoCloseable {
    private static final int MAX_CACHED_STATEMENTS = 64;

    private final Connection connection;
    private final SqlDialect dialect;
    private final Integer timeoutSeconds;
    private final boolean forceRecompile;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);
    /** Column types of the table being written, for binding nulls with the column's type. */
    private BiFunction<String, String, Integer> columnTypes = (table, column) -> Types.NULL;
    private boolean bulkLoadRefused;

    /**
     * @param timeoutSeconds per-statement timeout ({@code CommandTimeout}); null for the driver's default
     * @param forceRecompile the task's {@code ForceQueryRecompile}
     */
    public TargetConnection(Connection connection, SqlDialect dialect, Integer timeoutSeconds, boolean forceRecompile) {
        this.connection = connection;
        this.dialect = dialect;
        this.timeoutSeconds = timeoutSeconds;
        this.forceRecompile = forceRecompile;
    }

    public boolean forceRecompile() {
        return forceRecompile;
    }

    public Connection jdbc() {
        return connection;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Where {@link #sqlType} looks column types up: (table as written in SQL, column) → {@link Types} code. */
    public void columnTypes(BiFunction<String, String, Integer> lookup) {
        this.columnTypes = lookup;
    }

    public int sqlType(String table, String column) {
        Integer type = columnTypes.apply(table, column);
        return type == null ? Types.NULL : type;
    }

    /** True once the server refused the dialect's bulk load (e.g. MariaDB with {@code local_infile=OFF}): inserts it is. */
    public boolean bulkLoadRefused() {
        return bulkLoadRefused;
    }

    public void refuseBulkLoad() {
        bulkLoadRefused = true;
    }

    /** Sets the task's {@code CommandTimeout} on a statement the caller created. */
    public void applyTimeout(Statement statement) throws SQLException {
        if (timeoutSeconds != null && timeoutSeconds > 0) {
            statement.setQueryTimeout(timeoutSeconds);
        }
    }

    /** The prepared statement for {@code sql}, prepared once and then reused. */
    public PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            applyTimeout(statement);
            statements.put(sql, statement);
            if (statements.size() > MAX_CACHED_STATEMENTS) {
                var eldest = statements.entrySet().iterator().next();
                statements.remove(eldest.getKey());
                closeQuietly(eldest.getValue());
            }
        }
        return statement;
    }

    /** Runs one command with its parameters; returns the update count. */
    public int execute(SqlCommand command) throws SQLException {
        if (command.parameters().isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                applyTimeout(statement);
                return statement.executeUpdate(command.text());
            }
        }
        PreparedStatement statement = prepared(command.text());
        bind(statement, command);
        return statement.executeUpdate();
    }

    /**
     * Runs commands in order. Consecutive commands with the same parameterized text (the chunks of a
     * delete) go as one JDBC batch, which the drivers send in one round trip where they can
     * (PostgreSQL pipelines it): the database goes from one to the next without waiting for Corvid.
     * A failure is the database's own error, as for {@link #execute}.
     */
    public void executeAll(List<SqlCommand> commands) throws SQLException {
        int from = 0;
        while (from < commands.size()) {
            SqlCommand first = commands.get(from);
            int to = from + 1;
            while (!first.parameters().isEmpty() && to < commands.size() && commands.get(to).text().equals(first.text())) {
                to++;
            }
            if (to - from == 1) {
                execute(first);
            } else {
                executeBatch(commands.subList(from, to));
            }
            from = to;
        }
    }

    private void executeBatch(List<SqlCommand> commands) throws SQLException {
        PreparedStatement statement = prepared(commands.getFirst().text());
        try {
            for (SqlCommand command : commands) {
                bind(statement, command);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (BatchUpdateException e) {
            // "Batch entry 2 … was aborted": the database's error is the next one
            SQLException cause = e.getNextException();
            throw cause != null && cause != e ? cause : e;
        } finally {
            statement.clearBatch();
        }
    }

    private void bind(PreparedStatement statement, SqlCommand command) throws SQLException {
        List<Object> parameters = command.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            dialect.bind(statement, i + 1, parameters.get(i), Types.NULL);
        }
    }

    /** Runs a statement outside any prepared-statement caching (DDL). */
    public void executeDirect(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        statements.values().forEach(TargetConnection::closeQuietly);
        statements.clear();
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being discarded, often because it already failed
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing a statement of a broken connection
        }
    }
}
