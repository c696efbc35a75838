package dev.corvid.server.etl.load.sql;

import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.SqlEtlTable;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.load.sql.dialect.SqlCommand;
import dev.corvid.server.etl.load.sql.dialect.SqlDialect;
import dev.corvid.server.etl.load.sql.dialect.TargetConnection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one batch does to the target, table by table (ETL.md §6.2–6.3, §6.7): the ids whose previous
 * rows are deleted and the new rows, grouped by column list. Deletes run first, for the tables in
 * reverse order of {@code SqlTables}; then the rows are written in the order of {@code SqlTables} — so
 * a child table listed after its parent works with a foreign key. Insert-only tables are never
 * deleted from, nor are documents the sink knows to have no rows there yet ({@link WrittenDocuments}).
 * A document's rows are therefore replaced, never duplicated.
 */
final class LoadPlan {
    /** Rows of one table that have the same columns, with the document each row came from. */
    record RowGroup(List<String> columns, List<Object[]> rows, List<String> documentIds) {
    }

    /** Tables are matched case-insensitively, as RavenDB does. */
    private static String key(String table) {
        return table.toLowerCase(java.util.Locale.ROOT);
    }

    /** One table's part of the batch. */
    record TablePlan(SqlEtlTable table, String sqlName, List<String> deleteIds, List<RowGroup> groups) {
        int rowCount() {
            return groups.stream().mapToInt(g -> g.rows().size()).sum();
        }
    }

    /** Where a batch failed: the table, whether deleting or writing, and which rows. */
    static final class StepFailure extends Exception {
        final TablePlan table;
        final RowGroup group;
        final SQLException error;

        StepFailure(TablePlan table, RowGroup group, SQLException error) {
            super(error.getMessage(), error);
            this.table = table;
            this.group = group;
            this.error = error;
        }
    }

    private final SqlEtlConfiguration task;
    private final SqlDialect dialect;
    private final List<TablePlan> tables;

    private LoadPlan(SqlEtlConfiguration task, SqlDialect dialect, List<TablePlan> tables) {
        this.task = task;
        this.dialect = dialect;
        this.tables = tables;
    }

    static LoadPlan of(SqlEtlConfiguration task, SqlDialect dialect, List<SqlItem> items) {
        return of(task, dialect, items, documentId -> true);
    }

    /**
     * @param mayHaveRows false for a document known to have no rows in the target yet: no delete is
     *                    sent for it
     */
    static LoadPlan of(SqlEtlConfiguration task, SqlDialect dialect, List<SqlItem> items, Predicate<String> mayHaveRows) {
        Map<String, Set<String>> deletes = new LinkedHashMap<>();
        Map<String, Map<List<String>, RowGroup>> rows = new LinkedHashMap<>();
        // Rows share their table name instances: lower-case each instance once, not once per row.
        Map<String, String> keys = new IdentityHashMap<>();
        for (SqlItem item : items) {
            List<String> deleteFrom = mayHaveRows.test(item.documentId()) ? item.deleteFrom() : List.of();
            for (String table : deleteFrom) {
                deletes.computeIfAbsent(keys.computeIfAbsent(table, LoadPlan::key), t -> new LinkedHashSet<>()).add(item.documentId());
            }
            for (SqlItem.SqlRow row : item.rows()) {
                RowGroup group = rows.computeIfAbsent(keys.computeIfAbsent(row.table(), LoadPlan::key), t -> new LinkedHashMap<>())
                        .computeIfAbsent(row.columns(), c -> new RowGroup(c, new ArrayList<>(), new ArrayList<>()));
                group.rows().add(row.values());
                group.documentIds().add(item.documentId());
            }
        }
        List<TablePlan> tables = new ArrayList<>();
        for (SqlEtlTable table : task.sqlTables()) {
            String key = key(table.tableName());
            if (tables.stream().anyMatch(t -> t.table().tableName().equalsIgnoreCase(key))) {
                continue;
            }
            Set<String> ids = table.insertOnlyMode() ? Set.of() : deletes.getOrDefault(key, Set.of());
            List<RowGroup> groups = rows.containsKey(key) ? List.copyOf(rows.get(key).values()) : List.of();
            if (!ids.isEmpty() || !groups.isEmpty()) {
                tables.add(new TablePlan(table, dialect.tableName(table.tableName(), task.quoteTables()), List.copyOf(ids), groups));
            }
        }
        return new LoadPlan(task, dialect, tables);
    }

    List<TablePlan> tables() {
        return tables;
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    int rowCount() {
        return tables.stream().mapToInt(TablePlan::rowCount).sum();
    }

    List<SqlCommand> deleteCommands(TablePlan table) {
        return dialect.deletes(table.sqlName(), table.table().documentIdColumn(), table.deleteIds(), task.parameterizeDeletes(),
                task.forceQueryRecompile());
    }

    List<SqlCommand> writeCommands(TablePlan table, RowGroup group) {
        return dialect.rowWriter().describe(dialect, table.sqlName(), group.columns(), group.rows(), task.forceQueryRecompile());
    }

    /** What {@link #run} did to one table, for {@link LoadMetrics} once the transaction committed. */
    record TableWork(String tableName, long writtenRows, long deletedDocuments, Duration write, Duration delete) {
    }

    /**
     * Runs the deletes, then the writes, in the connection's current transaction; commits nothing.
     * Each delete statement and each row group's write slower than {@link LoadMetrics#SLOW_STATEMENT}
     * is recorded in {@code metrics} at once.
     *
     * @return what was done to each table, in the order of {@code SqlTables}
     */
    List<TableWork> run(TargetConnection connection, ColumnTypes types, LoadMetrics metrics) throws StepFailure {
        Duration[] deleteTime = new Duration[tables.size()];
        for (int i = tables.size() - 1; i >= 0; i--) {
            TablePlan table = tables.get(i);
            deleteTime[i] = Duration.ZERO;
            try {
                List<SqlCommand> deletes = deleteCommands(table);
                if (!deletes.isEmpty()) {
                    long start = System.nanoTime();
                    connection.executeAll(deletes);
                    deleteTime[i] = Duration.ofNanos(System.nanoTime() - start);
                    String text = deletes.getFirst().text();
                    metrics.statement(Instant.now(), deleteTime[i], table.table().tableName(),
                            deletes.size() == 1 ? text : text + " -- " + deletes.size() + " statements");
                }
            } catch (SQLException e) {
                throw new StepFailure(table, null, e);
            }
        }
        List<TableWork> work = new ArrayList<>(tables.size());
        for (int i = 0; i < tables.size(); i++) {
            TablePlan table = tables.get(i);
            Duration writeTime = Duration.ZERO;
            for (RowGroup group : table.groups()) {
                try {
                    if (dialect.convertsTemporalStrings()) {
                        convertTemporalStrings(connection, types, table.sqlName(), group);
                    }
                    long start = System.nanoTime();
                    dialect.rowWriter().write(connection, table.sqlName(), group.columns(), group.rows());
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    writeTime = writeTime.plus(took);
                    if (took.compareTo(LoadMetrics.SLOW_STATEMENT) > 0) {
                        metrics.statement(Instant.now(), took, table.table().tableName(), describeWrite(table, group));
                    }
                } catch (SQLException e) {
                    throw new StepFailure(table, group, e);
                }
            }
            work.add(new TableWork(table.table().tableName(), table.rowCount(), table.deleteIds().size(), writeTime, deleteTime[i]));
        }
        return work;
    }

    /** A slow write, as the first statement it sent and how many rows it wrote. */
    private String describeWrite(TablePlan table, RowGroup group) {
        List<SqlCommand> commands = writeCommands(table, group);
        String first = commands.isEmpty() ? "" : commands.getFirst().text();
        String rows = " -- " + group.rows().size() + " rows";
        return commands.size() <= 1 ? first + rows : first + rows + " in " + commands.size() + " statements";
    }

    /** ISO strings bound for temporal columns become java.time values; nothing else is guessed. */
    private static void convertTemporalStrings(TargetConnection connection, ColumnTypes types, String sqlTable, RowGroup group) {
        int columns = group.columns().size();
        for (int c = 0; c < columns; c++) {
            int type = types.type(connection.jdbc(), sqlTable, group.columns().get(c));
            if (!ColumnTypes.isTemporal(type)) {
                continue;
            }
            for (Object[] row : group.rows()) {
                if (row[c] instanceof String text) {
                    Object converted = switch (type) {
                        case java.sql.Types.DATE -> SqlValues.parseDate(text).orElse(null);
                        case java.sql.Types.TIME, java.sql.Types.TIME_WITH_TIMEZONE -> SqlValues.parseTime(text).orElse(null);
                        case java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> SqlValues.parseDateTimeOffset(text).orElse(null);
                        default -> SqlValues.parseDateTime(text).orElse(null);
                    };
                    if (converted != null) {
                        row[c] = converted;
                    }
                }
            }
        }
    }
}
