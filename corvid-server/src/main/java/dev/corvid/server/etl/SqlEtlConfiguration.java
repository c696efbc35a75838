package dev.corvid.server.etl;

import java.util.List;
import java.util.Optional;

/**
 * An SQL ETL task as stored in the database record, with RavenDB's fields ({@code SqlEtls}
 * entries, ETL.md §1.3). {@code taskId} is assigned by the server and stays stable across updates.
 *
 * @param parameterizeDeletes bind the ids of {@code DELETE … IN (…)} as parameters (default true)
 *                            rather than inlining them as quoted literals
 * @param quoteTables         quote each dot-separated part of table names (default true)
 * @param forceQueryRecompile append {@code OPTION(RECOMPILE)}; SQL Server only, ignored elsewhere
 * @param commandTimeout      per-statement timeout in seconds; null for the driver's default
 */
public record SqlEtlConfiguration(long taskId, String name, String connectionStringName, List<Transformation> transforms,
                                  boolean disabled, String mentorNode, boolean pinToMentorNode,
                                  boolean allowEtlOnNonEncryptedChannel, String etlType, List<SqlEtlTable> sqlTables,
                                  Boolean parameterizeDeletes, Boolean quoteTables, boolean forceQueryRecompile,
                                  Integer commandTimeout, BatchSettings batchSettings) implements EtlTask {
    public SqlEtlConfiguration {
        transforms = transforms == null ? List.of() : List.copyOf(transforms);
        etlType = "Sql";
        sqlTables = sqlTables == null ? List.of() : List.copyOf(sqlTables);
        parameterizeDeletes = parameterizeDeletes == null || parameterizeDeletes;
        quoteTables = quoteTables == null || quoteTables;
        batchSettings = batchSettings == null ? BatchSettings.defaults() : batchSettings.effective();
    }

    @Override
    public String kind() {
        return "Sql";
    }

    /** The configured table a {@code loadTo} target names (case-insensitive). */
    public Optional<SqlEtlTable> table(String target) {
        return sqlTables.stream().filter(t -> t.tableName() != null && t.tableName().equalsIgnoreCase(target)).findFirst();
    }

    @Override
    public SqlEtlConfiguration withTaskId(long id) {
        return new SqlEtlConfiguration(id, name, connectionStringName, transforms, disabled, mentorNode, pinToMentorNode,
                allowEtlOnNonEncryptedChannel, etlType, sqlTables, parameterizeDeletes, quoteTables, forceQueryRecompile,
                commandTimeout, batchSettings);
    }

    @Override
    public SqlEtlConfiguration withDisabled(boolean value) {
        return new SqlEtlConfiguration(taskId, name, connectionStringName, transforms, value, mentorNode, pinToMentorNode,
                allowEtlOnNonEncryptedChannel, etlType, sqlTables, parameterizeDeletes, quoteTables, forceQueryRecompile,
                commandTimeout, batchSettings);
    }
}
