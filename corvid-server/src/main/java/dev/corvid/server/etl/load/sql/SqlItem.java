package dev.corvid.server.etl.load.sql;

import java.util.List;

/**
 * What one source document or tombstone turns into for SQL ETL (ETL.md §6.1): the tables its previous
 * rows are deleted from, and the rows it has now.
 *
 * @param deleteFrom tables (as configured) to delete the document's previous rows from: every table
 *                   the script loads to that is in {@code SqlTables} and not insert-only
 * @param rows       the new rows, in {@code loadTo} call order; empty for a tombstone
 */
public record SqlItem(String documentId, List<String> deleteFrom, List<SqlRow> rows) {
    public SqlItem {
        deleteFrom = List.copyOf(deleteFrom);
        rows = List.copyOf(rows);
    }

    /** An estimate of the item's size, for the batch size limit. */
    public long bytes() {
        long size = 32L + documentId.length() * 2L;
        for (SqlRow row : rows) {
            size += row.bytes();
        }
        return size;
    }

    /**
     * One row for a table.
     *
     * @param table   the table as configured in {@code SqlTables}
     * @param columns column names, the document id column first; rows of a table with the same
     *                columns share one list instance
     * @param values  one value per column: null, String, Long, BigDecimal, Double, Boolean, byte[],
     *                UUID, java.time values or List (arrays)
     */
    public record SqlRow(String table, List<String> columns, Object[] values) {
        long bytes() {
            long size = 16L * values.length;
            for (Object value : values) {
                if (value instanceof String s) {
                    size += s.length() * 2L;
                } else if (value instanceof byte[] b) {
                    size += b.length;
                }
            }
            return size;
        }
    }
}
