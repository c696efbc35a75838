package dev.corvid.server.etl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every connection string and ETL task of one database: the ETL part of the database record.
 * Immutable; changes produce a new instance that {@link EtlManagement} stores durably. Task ids and
 * (case-insensitive) task names are unique across Raven and SQL ETL.
 */
public record EtlDefinitions(Map<String, ConnectionString.Raven> ravenConnectionStrings,
                             Map<String, ConnectionString.Sql> sqlConnectionStrings,
                             List<EtlConfiguration> ravenEtls, List<SqlEtlConfiguration> sqlEtls, long lastTaskId) {
    public EtlDefinitions {
        ravenConnectionStrings = ravenConnectionStrings == null ? Map.of() : Map.copyOf(ravenConnectionStrings);
        sqlConnectionStrings = sqlConnectionStrings == null ? Map.of() : Map.copyOf(sqlConnectionStrings);
        ravenEtls = ravenEtls == null ? List.of() : List.copyOf(ravenEtls);
        sqlEtls = sqlEtls == null ? List.of() : List.copyOf(sqlEtls);
    }

    public static EtlDefinitions empty() {
        return new EtlDefinitions(Map.of(), Map.of(), List.of(), List.of(), 0);
    }

    public Optional<ConnectionString.Raven> ravenConnectionString(String name) {
        return ravenConnectionStrings.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<ConnectionString.Sql> sqlConnectionString(String name) {
        return sqlConnectionStrings.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Every task, Raven ETL first, each kind in the order it was added. */
    public List<EtlTask> tasks() {
        return Stream.concat(ravenEtls.stream(), sqlEtls.stream()).map(EtlTask.class::cast).toList();
    }

    public Optional<EtlTask> task(long taskId) {
        return tasks().stream().filter(t -> t.taskId() == taskId).findFirst();
    }

    public Optional<EtlTask> task(String name) {
        return tasks().stream().filter(t -> t.name() != null && t.name().equalsIgnoreCase(name)).findFirst();
    }

    EtlDefinitions withConnectionString(ConnectionString cs) {
        return switch (cs) {
            case ConnectionString.Raven raven -> {
                Map<String, ConnectionString.Raven> map = new LinkedHashMap<>(ravenConnectionStrings);
                map.keySet().removeIf(k -> k.equalsIgnoreCase(raven.name()));
                map.put(raven.name(), raven);
                yield new EtlDefinitions(map, sqlConnectionStrings, ravenEtls, sqlEtls, lastTaskId);
            }
            case ConnectionString.Sql sql -> {
                Map<String, ConnectionString.Sql> map = new LinkedHashMap<>(sqlConnectionStrings);
                map.keySet().removeIf(k -> k.equalsIgnoreCase(sql.name()));
                map.put(sql.name(), sql);
                yield new EtlDefinitions(ravenConnectionStrings, map, ravenEtls, sqlEtls, lastTaskId);
            }
        };
    }

    EtlDefinitions withoutConnectionString(String name, String type) {
        String lower = name.toLowerCase(Locale.ROOT);
        Map<String, ConnectionString.Raven> raven = new LinkedHashMap<>(ravenConnectionStrings);
        Map<String, ConnectionString.Sql> sql = new LinkedHashMap<>(sqlConnectionStrings);
        if (type.equalsIgnoreCase("Raven")) {
            raven.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).equals(lower));
        } else {
            sql.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).equals(lower));
        }
        return new EtlDefinitions(raven, sql, ravenEtls, sqlEtls, lastTaskId);
    }

    EtlDefinitions withTask(EtlTask task) {
        List<EtlConfiguration> raven = new ArrayList<>(ravenEtls);
        List<SqlEtlConfiguration> sql = new ArrayList<>(sqlEtls);
        switch (task) {
            case EtlConfiguration r -> replaceOrAdd(raven, r);
            case SqlEtlConfiguration s -> replaceOrAdd(sql, s);
        }
        return new EtlDefinitions(ravenConnectionStrings, sqlConnectionStrings, raven, sql, Math.max(lastTaskId, task.taskId()));
    }

    private static <T extends EtlTask> void replaceOrAdd(List<T> tasks, T task) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).taskId() == task.taskId()) {
                tasks.set(i, task);
                return;
            }
        }
        tasks.add(task);
    }

    EtlDefinitions withoutTask(long taskId) {
        List<EtlConfiguration> raven = new ArrayList<>(ravenEtls);
        List<SqlEtlConfiguration> sql = new ArrayList<>(sqlEtls);
        raven.removeIf(t -> t.taskId() == taskId);
        sql.removeIf(t -> t.taskId() == taskId);
        return new EtlDefinitions(ravenConnectionStrings, sqlConnectionStrings, raven, sql, lastTaskId);
    }
}
