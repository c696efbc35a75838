package dev.corvid.server.etl;

/**
 * A table an SQL ETL task writes to ({@code SqlTables} entries).
 *
 * @param tableName        as the database knows it, possibly schema-qualified ({@code dbo.Orders});
 *                         matched against {@code loadTo} targets case-insensitively
 * @param documentIdColumn the column that receives the source document id, by which a document's
 *                         previous rows are deleted; it should be indexed
 * @param insertOnlyMode   never delete from this table (append-only history)
 */
public record SqlEtlTable(String tableName, String documentIdColumn, boolean insertOnlyMode) {
}
