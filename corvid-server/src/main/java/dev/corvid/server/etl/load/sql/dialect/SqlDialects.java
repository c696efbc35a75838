package dev.corvid.server.etl.load.sql.dialect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the dialect for a connection string: by RavenDB's {@code FactoryName} (the .NET provider
 * names, matched case-insensitively) or by the prefix of a JDBC URL. An explicit switch, no
 * guessing: an unknown name is an error that lists the accepted ones.
 */
public final class SqlDialects {
    /** RavenDB's provider names, in the order messages list them. */
    private static final Map<String, SqlDialect> FACTORIES = new LinkedHashMap<>();
    /** JDBC URL prefixes. */
    private static final Map<String, SqlDialect> URL_PREFIXES = new LinkedHashMap<>();

    static {
        FACTORIES.put("Microsoft.Data.SqlClient", SqlServerDialect.INSTANCE);
        FACTORIES.put("System.Data.SqlClient", SqlServerDialect.INSTANCE);
        FACTORIES.put("Npgsql", PostgresDialect.INSTANCE);
        FACTORIES.put("MySql.Data.MySqlClient", MariaDbDialect.INSTANCE);
        FACTORIES.put("MySqlConnector", MariaDbDialect.INSTANCE);
        FACTORIES.put("MySqlConnector.MySqlConnectorFactory", MariaDbDialect.INSTANCE);
        FACTORIES.put("Oracle.ManagedDataAccess.Client", OracleDialect.INSTANCE);

        URL_PREFIXES.put("jdbc:postgresql:", PostgresDialect.INSTANCE);
        URL_PREFIXES.put("jdbc:mariadb:", MariaDbDialect.INSTANCE);
        URL_PREFIXES.put("jdbc:mysql:", MySqlDialect.INSTANCE);
        URL_PREFIXES.put("jdbc:sqlserver:", SqlServerDialect.INSTANCE);
        URL_PREFIXES.put("jdbc:oracle:", OracleDialect.INSTANCE);
        URL_PREFIXES.put("jdbc:sqlite:", SqliteDialect.INSTANCE);
        URL_PREFIXES.put("jdbc:duckdb:", DuckDbDialect.INSTANCE);
        URL_PREFIXES.put("jdbc:h2:", H2Dialect.INSTANCE);
    }

    /** Provider names RavenDB recognises but never implemented. */
    private static final List<String> NOT_IMPLEMENTED = List.of("System.Data.SqlServerCe.4.0", "System.Data.SqlServerCe.3.5",
            "System.Data.OleDb");

    private SqlDialects() {
    }

    public static List<String> factoryNames() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static List<String> jdbcPrefixes() {
        return List.copyOf(URL_PREFIXES.keySet());
    }

    public static Optional<SqlDialect> forFactoryName(String factoryName) {
        if (factoryName == null) {
            return Optional.empty();
        }
        return FACTORIES.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(factoryName.trim()))
                .map(Map.Entry::getValue).findFirst();
    }

    public static boolean isNotImplemented(String factoryName) {
        return factoryName != null && NOT_IMPLEMENTED.stream().anyMatch(n -> n.equalsIgnoreCase(factoryName.trim()));
    }

    public static Optional<SqlDialect> forJdbcUrl(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return URL_PREFIXES.entrySet().stream().filter(e -> lower.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }
}
