package dev.corvid.server.etl.load.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JDBC types of a table's columns, read once per connection from the driver's metadata: which
 * columns are temporal (so ISO strings become dates there, and only there) and how to type a NULL.
 * A table the metadata cannot find simply has no known types. Not thread-safe.
 */
final class ColumnTypes {
    private final Map<String, Map<String, Integer>> byTable = new HashMap<>();

    /** The {@link Types} code of a column of {@code sqlTable} (as written in SQL), {@link Types#NULL} when unknown. */
    int type(Connection connection, String sqlTable, String column) {
        Map<String, Integer> columns = byTable.computeIfAbsent(sqlTable, t -> load(connection, t));
        Integer type = columns.get(column);
        if (type == null) {
            type = columns.get(column.toLowerCase(Locale.ROOT));
        }
        return type == null ? Types.NULL : type;
    }

    static boolean isTemporal(int type) {
        return type == Types.DATE || type == Types.TIME || type == Types.TIMESTAMP || type == Types.TIME_WITH_TIMEZONE
                || type == Types.TIMESTAMP_WITH_TIMEZONE;
    }

    private static Map<String, Integer> load(Connection connection, String sqlTable) {
        String[] parts = unquote(sqlTable).split("\\.");
        String table = parts[parts.length - 1];
        Map<String, Integer> columns = new HashMap<>();
        try {
            DatabaseMetaData metadata = connection.getMetaData();
            String escape = metadata.getSearchStringEscape();
            String catalog = parts.length > 2 ? parts[parts.length - 3] : parts.length == 1 ? currentCatalog(connection) : null;
            String schema = parts.length > 1 ? parts[parts.length - 2] : currentSchema(connection);
            Set<String> candidates = new LinkedHashSet<>();
            candidates.add(table);
            candidates.add(table.toLowerCase(Locale.ROOT));
            candidates.add(table.toUpperCase(Locale.ROOT));
            for (String candidate : candidates) {
                String pattern = escape == null ? candidate : candidate.replace(escape, escape + escape)
                        .replace("_", escape + "_").replace("%", escape + "%");
                try (ResultSet rs = metadata.getColumns(catalog, schema, pattern, "%")) {
                    while (rs.next()) {
                        String name = rs.getString("COLUMN_NAME");
                        int type = rs.getInt("DATA_TYPE");
                        columns.putIfAbsent(name, type);
                        columns.putIfAbsent(name.toLowerCase(Locale.ROOT), type);
                    }
                }
                if (!columns.isEmpty()) {
                    break;
                }
            }
        } catch (SQLException | RuntimeException e) {
            // no metadata: values are bound as they are
        }
        return columns;
    }

    private static String currentCatalog(Connection connection) {
        try {
            return connection.getCatalog();
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            return null;
        }
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            return null;
        }
    }

    private static String unquote(String sqlTable) {
        return sqlTable.replace("\"", "").replace("`", "").replace("[", "").replace("]", "");
    }
}
