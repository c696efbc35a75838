package dev.corvid.server.etl.load.sql;

import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.EtlProvider;
import dev.corvid.server.etl.EtlTransformer;
import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.Transformation;
import dev.corvid.server.etl.TransformedItem;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.load.sql.dialect.SqlCommand;
import dev.corvid.server.etl.load.sql.dialect.TargetConnection;
import dev.corvid.server.etl.transform.EtlScript;
import dev.corvid.server.etl.transform.ScriptKind;
import dev.corvid.server.storage.ChangeEntry;
import dev.corvid.server.storage.ReadTxn;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL ETL for one script of a task: transform into rows ({@link SqlTransformer}), load them exactly
 * once into a relational database ({@link SqlSink}) through the dialect the connection string picks.
 */
public final class SqlEtlProvider implements EtlProvider<SqlItem> {
    private final SqlEtlConfiguration task;
    private final ConnectionString.Sql connectionString;
    private SqlConnectionSettings settings;
    private final String transformationName;
    private final String sourceDatabaseId;
    private final String sourceDatabase;

    /**
     * @param transformationName the script this provider's processes run (its checkpoint row)
     * @param sourceDatabaseId   the source database's id, part of the checkpoint's key
     */
    public SqlEtlProvider(SqlEtlConfiguration task, ConnectionString.Sql connectionString, String transformationName,
                          String sourceDatabaseId, String sourceDatabase) {
        this.task = task;
        this.connectionString = connectionString;
        this.transformationName = transformationName;
        this.sourceDatabaseId = sourceDatabaseId;
        this.sourceDatabase = sourceDatabase;
    }

    @Override
    public String kind() {
        return "SQL ETL";
    }

    /**
     * The translated connection string.
     *
     * @throws dev.corvid.server.CorvidException when it cannot be translated; the process then does not start
     */
    private synchronized SqlConnectionSettings settings() {
        if (settings == null) {
            settings = SqlConnectionSettings.parse(connectionString.factoryName(), connectionString.connectionString());
        }
        return settings;
    }

    @Override
    public EtlTransformer<SqlItem> newTransformer(Transformation transformation) {
        return new SqlTransformer(task, EtlScript.compile(transformation.name(), transformation.script(), ScriptKind.SQL));
    }

    @Override
    public EtlSink<SqlItem> newSink(LoadMetrics metrics) {
        return new SqlSink(task, settings(), transformationName, sourceDatabaseId, sourceDatabase, metrics);
    }

    /** {@code database@server}, as RavenDB describes an SQL destination. */
    @Override
    public String destination() {
        try {
            return settings().database() + "@" + settings().server();
        } catch (RuntimeException e) {
            return "@";
        }
    }

    /** The statements of one table, for the test endpoint's {@code Summary}. */
    public record TableSummary(String tableName, List<SqlCommand> commands) {
    }

    /** What the script does with one document: the statements, errors, {@code output()} lines. */
    public record TestResult(List<TableSummary> summary, List<String> transformationErrors, List<String> loadErrors,
                             List<LoadMetrics.SlowStatement> slowStatements, List<String> output) {
    }

    /**
     * Runs the script on one item and renders the exact statements a batch of it would run (ETL.md
     * §2.5), without touching the target — or, with {@code runInRolledBackTransaction}, runs them in a
     * transaction that is rolled back and reports what the database said. The checkpoint is not
     * written in either case.
     */
    public static TestResult test(SqlEtlConfiguration task, Transformation transformation, SqlConnectionSettings settings,
                                  ChangeEntry entry, ReadTxn snapshot, boolean runInRolledBackTransaction) {
        EtlScript script = EtlScript.compile(transformation.name(), transformation.script(), ScriptKind.SQL);
        try (SqlTransformer transformer = new SqlTransformer(task, script)) {
            return switch (transformer.transform(entry, snapshot)) {
                case TransformedItem.Failed<SqlItem> failed -> new TestResult(List.of(), List.of(failed.error()), List.of(), List.of(),
                        failed.output());
                case TransformedItem.FilteredOut<SqlItem> out -> new TestResult(List.of(), List.of(), List.of(), List.of(), out.output());
                case TransformedItem.Loaded<SqlItem> loaded -> {
                    LoadPlan plan = LoadPlan.of(task, settings.dialect(), List.of(loaded.value()));
                    List<TableSummary> summary = new ArrayList<>();
                    for (LoadPlan.TablePlan table : plan.tables()) {
                        List<SqlCommand> commands = new ArrayList<>(plan.deleteCommands(table));
                        table.groups().forEach(group -> commands.addAll(plan.writeCommands(table, group)));
                        summary.add(new TableSummary(table.table().tableName(), commands));
                    }
                    LoadMetrics metrics = new LoadMetrics();
                    List<String> loadErrors = runInRolledBackTransaction ? runAndRollBack(plan, task, settings, metrics) : List.of();
                    yield new TestResult(summary, List.of(), loadErrors, metrics.snapshot().slowStatements(), loaded.output());
                }
            };
        }
    }

    private static List<String> runAndRollBack(LoadPlan plan, SqlEtlConfiguration task, SqlConnectionSettings settings,
                                               LoadMetrics metrics) {
        TargetConnection connection;
        try {
            connection = SqlConnections.open(settings, task.commandTimeout(), task.forceQueryRecompile());
        } catch (SqlConnections.ConnectFailure e) {
            return List.of(e.getMessage());
        }
        try {
            ColumnTypes types = new ColumnTypes();
            connection.columnTypes((table, column) -> types.type(connection.jdbc(), table, column));
            plan.run(connection, types, metrics);
            return List.of();
        } catch (LoadPlan.StepFailure failure) {
            return List.of("Table '" + failure.table.table().tableName() + "': " + SqlConnections.message(failure.error));
        } finally {
            try {
                connection.jdbc().rollback();
            } catch (SQLException | RuntimeException ignored) {
                // the connection is closed next; nothing was committed
            }
            connection.close();
        }
    }
}
