package dev.corvid.server.etl.load.sql.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes rows with prepared {@code INSERT}s of as many rows as the dialect allows per statement
 * (one for drivers that batch single-row inserts themselves), added to a JDBC batch that is sent
 * every {@value #ROWS_PER_SEND} rows. The full-size statement and the single-row statement for the
 * remainder are the only two texts per (table, columns), so both stay prepared across batches.
 */
public final class InsertBatchWriter implements RowWriter {
    static final InsertBatchWriter INSTANCE = new InsertBatchWriter();
    /** Rows the driver holds before the batch is sent: bounds its memory, still one round trip per many rows. */
    static final int ROWS_PER_SEND = 10_000;

    private InsertBatchWriter() {
    }

    @Override
    public void write(TargetConnection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        SqlDialect dialect = connection.dialect();
        int[] types = new int[columns.size()];
        for (int c = 0; c < types.length; c++) {
            types[c] = connection.sqlType(table, columns.get(c));
        }
        int perStatement = dialect.rowsPerInsert(columns.size());
        int full = rows.size() / perStatement * perStatement;
        if (full > 0) {
            PreparedStatement statement = connection.prepared(dialect.insert(table, columns, perStatement, connection.forceRecompile()));
            send(statement, dialect, types, rows.subList(0, full), perStatement);
        }
        if (full < rows.size()) {
            PreparedStatement statement = connection.prepared(dialect.insert(table, columns, 1, connection.forceRecompile()));
            send(statement, dialect, types, rows.subList(full, rows.size()), 1);
        }
    }

    private static void send(PreparedStatement statement, SqlDialect dialect, int[] types, List<Object[]> rows, int perStatement)
            throws SQLException {
        if (rows.size() == perStatement) {
            bind(statement, dialect, types, rows, 0, perStatement);
            statement.executeUpdate();
            return;
        }
        int pending = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            bind(statement, dialect, types, rows, from, perStatement);
            statement.addBatch();
            pending += perStatement;
            if (pending >= ROWS_PER_SEND) {
                statement.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            statement.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, SqlDialect dialect, int[] types, List<Object[]> rows, int from, int count)
            throws SQLException {
        int index = 1;
        for (int r = from; r < from + count; r++) {
            Object[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                dialect.bind(statement, index++, row[c], types[c]);
            }
        }
    }

    @Override
    public List<SqlCommand> describe(SqlDialect dialect, String table, List<String> columns, List<Object[]> rows, boolean recompile) {
        List<SqlCommand> commands = new ArrayList<>();
        int perStatement = dialect.rowsPerInsert(columns.size());
        int full = rows.size() / perStatement * perStatement;
        for (int from = 0; from < rows.size(); ) {
            int count = from < full ? perStatement : 1;
            List<Object> parameters = new ArrayList<>();
            rows.subList(from, from + count).forEach(row -> parameters.addAll(Arrays.asList(row)));
            commands.add(new SqlCommand(dialect.insert(table, columns, count, recompile), parameters));
            from += count;
        }
        return commands;
    }
}
