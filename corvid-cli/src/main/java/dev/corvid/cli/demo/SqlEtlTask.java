package dev.corvid.cli.demo;

import java.util.List;
import java.util.Objects;

/**
 * An SQL ETL task as the demo defines it. {@link DemoClient#addSqlEtl} sends it in RavenDB's
 * {@code SqlEtlConfiguration} shape, enabled, with parameterized deletes and quoted table names.
 *
 * @param name                 task name, unique among the database's ETL tasks
 * @param connectionStringName an SQL connection string of the source database
 * @param tables               the tables the scripts write to, at least one
 * @param transforms           the scripts, at least one; each calls {@code loadTo<Table>(row)}
 */
public record SqlEtlTask(String name, String connectionStringName, List<Table> tables, List<EtlTransform> transforms) {
    public SqlEtlTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectionStringName, "connectionStringName");
        tables = List.copyOf(tables);
        transforms = List.copyOf(transforms);
        if (tables.isEmpty() || transforms.isEmpty()) {
            throw new IllegalArgumentException("an SQL ETL task needs at least one table and one script");
        }
    }

    /**
     * A table the task writes rows to. Before writing a document's rows, the task deletes the rows
     * whose {@code documentIdColumn} holds that document's id, and it fills that column itself.
     */
    public record Table(String name, String documentIdColumn) {
        public Table {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(documentIdColumn, "documentIdColumn");
        }
    }
}
