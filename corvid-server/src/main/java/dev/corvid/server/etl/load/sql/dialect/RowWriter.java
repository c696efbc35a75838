package dev.corvid.server.etl.load.sql.dialect;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a dialect writes many rows of one table with one column list: batched multi-row
 * {@code INSERT}s, a driver's bulk batch, PostgreSQL's {@code COPY} or MariaDB's {@code LOAD DATA}. One round trip per chunk of
 * rows, never per row. Stateless; the statements it prepares live in the {@link TargetConnection}.
 */
public sealed interface RowWriter permits InsertBatchWriter, PostgresCopyWriter, MariaDbLoadDataWriter {
    /**
     * Writes {@code rows} inside the connection's current transaction.
     *
     * @param table   the table name as it goes into SQL (already quoted when the task quotes tables)
     * @param columns the column names, unquoted; every row has one value per column
     */
    void write(TargetConnection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException;

    /** A bulk statement described as one command whose parameters are the rows, each a list of its values. */
    static SqlCommand rowsCommand(String text, List<Object[]> rows) {
        List<Object> parameters = new ArrayList<>(rows.size());
        rows.forEach(row -> parameters.add(Arrays.asList(row)));
        return new SqlCommand(text, parameters);
    }

    /** The statements {@link #write} would run, for the test endpoint. */
    List<SqlCommand> describe(SqlDialect dialect, String table, List<String> columns, List<Object[]> rows, boolean recompile);
}
