package dev.corvid.server.etl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every connection string and ETL task of one database: the ETL part of the database record.
 * Immutable; changes produce a new instance that {@link EtlManagement} stores durably.
 */
public record EtlDefinitions(Map<String, ConnectionString.Raven> ravenConnectionStrings,
                             Map<String, ConnectionString.Sql> sqlConnectionStrings,
                             List<EtlConfiguration> ravenEtls, long lastTaskId) {
    public EtlDefinitions {
        ravenConnectionStrings = ravenConnectionStrings == null ? Map.of() : Map.copyOf(ravenConnectionStrings);
        sqlConnectionStrings = sqlConnectionStrings == null ? Map.of() : Map.copyOf(sqlConnectionStrings);
        ravenEtls = ravenEtls == null ? List.of() : List.copyOf(ravenEtls);
    }

    public static EtlDefinitions empty() {
        return new EtlDefinitions(Map.of(), Map.of(), List.of(), 0);
    }

    public Optional<ConnectionString.Raven> ravenConnectionString(String name) {
        return ravenConnectionStrings.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<ConnectionString.Sql> sqlConnectionString(String name) {
        return sqlConnectionStrings.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<EtlConfiguration> task(long taskId) {
        return ravenEtls.stream().filter(t -> t.taskId() == taskId).findFirst();
    }

    public Optional<EtlConfiguration> task(String name) {
        return ravenEtls.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    EtlDefinitions withConnectionString(ConnectionString cs) {
        return switch (cs) {
            case ConnectionString.Raven raven -> {
                Map<String, ConnectionString.Raven> map = new LinkedHashMap<>(ravenConnectionStrings);
                map.keySet().removeIf(k -> k.equalsIgnoreCase(raven.name()));
                map.put(raven.name(), raven);
                yield new EtlDefinitions(map, sqlConnectionStrings, ravenEtls, lastTaskId);
            }
            case ConnectionString.Sql sql -> {
                Map<String, ConnectionString.Sql> map = new LinkedHashMap<>(sqlConnectionStrings);
                map.keySet().removeIf(k -> k.equalsIgnoreCase(sql.name()));
                map.put(sql.name(), sql);
                yield new EtlDefinitions(ravenConnectionStrings, map, ravenEtls, lastTaskId);
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
        return new EtlDefinitions(raven, sql, ravenEtls, lastTaskId);
    }

    EtlDefinitions withTask(EtlConfiguration task) {
        List<EtlConfiguration> tasks = new ArrayList<>(ravenEtls);
        boolean replaced = false;
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).taskId() == task.taskId()) {
                tasks.set(i, task);
                replaced = true;
            }
        }
        if (!replaced) {
            tasks.add(task);
        }
        return new EtlDefinitions(ravenConnectionStrings, sqlConnectionStrings, tasks, Math.max(lastTaskId, task.taskId()));
    }

    EtlDefinitions withoutTask(long taskId) {
        List<EtlConfiguration> tasks = new ArrayList<>(ravenEtls);
        tasks.removeIf(t -> t.taskId() == taskId);
        return new EtlDefinitions(ravenConnectionStrings, sqlConnectionStrings, tasks, lastTaskId);
    }
}
