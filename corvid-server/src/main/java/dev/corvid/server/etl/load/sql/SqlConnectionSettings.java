package dev.corvid.server.etl.load.sql;

import dev.corvid.server.CorvidException;
import dev.corvid.server.etl.load.sql.dialect.MariaDbDialect;
import dev.corvid.server.etl.load.sql.dialect.MySqlDialect;
import dev.corvid.server.etl.load.sql.dialect.OracleDialect;
import dev.corvid.server.etl.load.sql.dialect.PostgresDialect;
import dev.corvid.server.etl.load.sql.dialect.SqlDialect;
import dev.corvid.server.etl.load.sql.dialect.SqlDialects;
import dev.corvid.server.etl.load.sql.dialect.SqlServerDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an SQL ETL task connects: a RavenDB SQL connection string ({@code FactoryName} plus the .NET
 * provider's connection string) translated to a JDBC URL and properties, or a plain JDBC URL.
 *
 * <p>Translations, keys matched case-insensitively and with their usual aliases:
 * <ul>
 *   <li>{@code Npgsql}: {@code Host=h[:port][,h2];Port=5432;Database=d;Username=u;Password=p;SslMode=…;Timeout=s}
 *       → {@code jdbc:postgresql://h:5432/d}</li>
 *   <li>{@code MySql.Data.MySqlClient}, {@code MySqlConnector}, {@code MySqlConnector.MySqlConnectorFactory}:
 *       {@code Server=h;Port=3306;Database=d;Uid=u;Pwd=p;SslMode=…} → {@code jdbc:mariadb://h:3306/d}
 *       (MariaDB Connector/J talks to MySQL servers too)</li>
 *   <li>{@code Microsoft.Data.SqlClient}, {@code System.Data.SqlClient}: {@code Data Source=[tcp:]h[\instance][,port];
 *       Initial Catalog=d;User ID=u;Password=p;Encrypt=…;TrustServerCertificate=…;Integrated Security=…}
 *       → {@code jdbc:sqlserver://h:port;databaseName=d}</li>
 *   <li>{@code Oracle.ManagedDataAccess.Client}: {@code Data Source=h:port/service} or a TNS descriptor
 *       {@code (DESCRIPTION=…)}; {@code User Id=u;Password=p} → {@code jdbc:oracle:thin:@//h:port/service}</li>
 *   <li>a JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:mariadb:}, {@code jdbc:mysql:}, {@code jdbc:sqlserver:},
 *       {@code jdbc:oracle:}, {@code jdbc:sqlite:file}, {@code jdbc:duckdb:file}, {@code jdbc:h2:file}) is used as
 *       is and picks the dialect; {@code FactoryName} may then be empty.</li>
 * </ul>
 * Passwords never leave this class except towards the driver: {@link #toString()}, {@link #describe()} and
 * {@link #mask(String)} hide them.
 *
 * @param server   for task listings ({@code DestinationServer}); {@code embedded} for database files
 * @param database for task listings ({@code DestinationDatabase}); the file for embedded databases
 */
public record SqlConnectionSettings(SqlDialect dialect, String jdbcUrl, Map<String, String> properties, String server,
                                    String database) {
    public static final String MASK = "*****";
    private static final Pattern DOTNET_PASSWORD = Pattern.compile(
            "(?i)((?:^|;)\\s*(?:password|pwd|psw)\\s*=\\s*)(\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'|[^;]*)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;:]password=)([^&;]*)");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@?;]+:)([^@/]*)(@)");
    private static final Pattern ORACLE_USER_INFO = Pattern.compile("(?i)(jdbc:oracle:[a-z]+:[^/@]+/)([^@]*)(@)");
    private static final Pattern URL_HOST = Pattern.compile("^jdbc:[a-z0-9]+:(?:[a-z]+:)?(?:@)?//(?:[^@/]*@)?([^/;?]+)(?:/([^;?]*))?",
            Pattern.CASE_INSENSITIVE);

    public SqlConnectionSettings {
        properties = Map.copyOf(properties);
    }

    /**
     * Translates a connection string.
     *
     * @throws CorvidException (bad request) naming what is wrong, without echoing the connection string
     */
    public static SqlConnectionSettings parse(String factoryName, String connectionString) {
        if (connectionString == null || connectionString.isBlank()) {
            throw CorvidException.badRequest("ConnectionString cannot be empty");
        }
        String text = connectionString.trim();
        if (text.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return fromJdbcUrl(factoryName, text);
        }
        if (SqlDialects.isNotImplemented(factoryName)) {
            throw CorvidException.badRequest("Factory '" + factoryName + "' is not implemented yet");
        }
        SqlDialect dialect = SqlDialects.forFactoryName(factoryName).orElseThrow(() -> CorvidException.badRequest(
                (factoryName == null || factoryName.isBlank() ? "FactoryName is required for a .NET connection string"
                        : "Factory '" + factoryName + "' is not supported")
                        + ". Use one of " + String.join(", ", SqlDialects.factoryNames())
                        + ", or a JDBC URL (" + String.join(", ", SqlDialects.jdbcPrefixes()) + ")."));
        Map<String, String> pairs = pairs(text);
        return switch (dialect) {
            case PostgresDialect pg -> npgsql(pg, pairs);
            case MariaDbDialect maria -> mySql(maria, pairs);
            case SqlServerDialect mssql -> sqlClient(mssql, pairs);
            case OracleDialect oracle -> oracle(oracle, pairs);
            default -> throw new IllegalStateException("no .NET translation for " + dialect.name());
        };
    }

    /** The driver properties: the dialect's defaults, then what the connection string set. */
    public Properties jdbcProperties() {
        Properties all = new Properties();
        dialect.defaultProperties().forEach(all::setProperty);
        properties.forEach(all::setProperty);
        return all;
    }

    /** {@code PostgreSQL at host:5432, database shop}: for messages; no credentials. */
    public String describe() {
        return dialect.name() + ("embedded".equals(server) ? " file " + database
                : " at " + server + (database.isEmpty() ? "" : ", database " + database));
    }

    public Optional<String> user() {
        return Optional.ofNullable(properties.get("user"));
    }

    @Override
    public String toString() {
        return "SqlConnectionSettings[" + describe() + ", " + mask(jdbcUrl) + "]";
    }

    // ---- JDBC URLs ------------------------------------------------------------------------------

    private static SqlConnectionSettings fromJdbcUrl(String factoryName, String url) {
        SqlDialect dialect = SqlDialects.forJdbcUrl(url).orElseThrow(() -> CorvidException.badRequest(
                "JDBC URL '" + mask(url.length() > 40 ? url.substring(0, 40) + "…" : url) + "' is not supported. Use one of "
                        + String.join(", ", SqlDialects.jdbcPrefixes()) + "."));
        Optional<SqlDialect> named = SqlDialects.forFactoryName(factoryName);
        if (named.isPresent() && !sameFamily(named.get(), dialect)) {
            throw CorvidException.badRequest("FactoryName '" + factoryName + "' is for " + named.get().name()
                    + " but the JDBC URL is for " + dialect.name() + "; leave FactoryName empty or make them match.");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        String server;
        String database;
        Matcher host = URL_HOST.matcher(url);
        if (lower.startsWith("jdbc:sqlite:") || lower.startsWith("jdbc:duckdb:")
                || (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:"))) {
            server = "embedded";
            String rest = url.substring(url.indexOf(':', 5) + 1);
            database = rest.replaceFirst("^file:", "").replaceFirst("[;?].*$", "");
        } else if (host.find()) {
            server = host.group(1);
            database = host.group(2) == null ? "" : host.group(2);
            if (dialect == SqlServerDialect.INSTANCE) {
                Matcher name = Pattern.compile("(?i);(?:databaseName|database)=([^;]*)").matcher(url);
                database = name.find() ? name.group(1) : "";
            }
        } else {
            server = "";
            database = "";
        }
        return new SqlConnectionSettings(dialect, url, Map.of(), server, database);
    }

    private static boolean sameFamily(SqlDialect a, SqlDialect b) {
        boolean aMySql = a == MariaDbDialect.INSTANCE || a == MySqlDialect.INSTANCE;
        boolean bMySql = b == MariaDbDialect.INSTANCE || b == MySqlDialect.INSTANCE;
        return a == b || (aMySql && bMySql);
    }

    // ---- .NET connection strings ----------------------------------------------------------------

    /** {@code key=value} pairs separated by {@code ;}; values may be quoted; keys lower-cased without spaces, {@code _} or {@code -}. */
    static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ';' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int equals = text.indexOf('=', i);
            int semicolon = text.indexOf(';', i);
            if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
                String key = text.substring(i, semicolon < 0 ? n : semicolon).trim();
                throw CorvidException.badRequest("The connection string has a part without a value: '" + key + "'");
            }
            String key = normalize(text.substring(i, equals));
            i = equals + 1;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                char quote = text.charAt(i++);
                while (true) {
                    if (i >= n) {
                        throw CorvidException.badRequest("The connection string has an unterminated quoted value for '" + key + "'");
                    }
                    char c = text.charAt(i++);
                    if (c == quote) {
                        if (i < n && text.charAt(i) == quote) {
                            value.append(quote);
                            i++;
                            continue;
                        }
                        break;
                    }
                    value.append(c);
                }
                while (i < n && text.charAt(i) != ';') {
                    i++;
                }
            } else {
                int end = text.indexOf(';', i);
                end = end < 0 ? n : end;
                value.append(text, i, end);
                i = end;
                trimEnd(value);
            }
            pairs.put(key, value.toString());
        }
        return pairs;
    }

    private static void trimEnd(StringBuilder value) {
        while (!value.isEmpty() && Character.isWhitespace(value.charAt(value.length() - 1))) {
            value.setLength(value.length() - 1);
        }
    }

    private static String normalize(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "").replace("-", "");
    }

    private static Optional<String> first(Map<String, String> pairs, String... keys) {
        for (String key : keys) {
            String value = pairs.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    private static String required(Map<String, String> pairs, String provider, String what, String... keys) {
        return first(pairs, keys).orElseThrow(() -> CorvidException.badRequest(
                "The " + provider + " connection string needs " + what + "."));
    }

    private static SqlConnectionSettings npgsql(PostgresDialect dialect, Map<String, String> pairs) {
        String hosts = required(pairs, "Npgsql", "Host (or Server)", "host", "server");
        String port = first(pairs, "port").orElse("5432");
        String database = first(pairs, "database", "db").orElse("");
        List<String> addresses = new ArrayList<>();
        for (String h : hosts.split(",")) {
            String one = h.trim();
            addresses.add(one.contains(":") && !one.startsWith("[") ? one : one + ":" + port);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        first(pairs, "username", "userid", "user", "uid").ifPresent(v -> properties.put("user", v));
        first(pairs, "password", "pwd", "psw").ifPresent(v -> properties.put("password", v));
        first(pairs, "sslmode").ifPresent(v -> properties.put("sslmode", switch (v.toLowerCase(Locale.ROOT)) {
            case "verifyca" -> "verify-ca";
            case "verifyfull" -> "verify-full";
            default -> v.toLowerCase(Locale.ROOT);
        }));
        first(pairs, "timeout").ifPresent(v -> properties.put("connectTimeout", v));
        first(pairs, "applicationname").ifPresent(v -> properties.put("ApplicationName", v));
        first(pairs, "searchpath").ifPresent(v -> properties.put("currentSchema", v));
        String url = "jdbc:postgresql://" + String.join(",", addresses) + "/" + database;
        return new SqlConnectionSettings(dialect, url, properties, String.join(",", addresses), database);
    }

    private static SqlConnectionSettings mySql(MariaDbDialect dialect, Map<String, String> pairs) {
        String hosts = required(pairs, "MySQL", "Server (or Host)", "server", "host", "datasource", "address", "addr",
                "networkaddress");
        String port = first(pairs, "port").orElse("3306");
        String database = first(pairs, "database", "initialcatalog").orElse("");
        List<String> addresses = new ArrayList<>();
        for (String h : hosts.split(",")) {
            String one = h.trim();
            addresses.add(one.contains(":") ? one : one + ":" + port);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        first(pairs, "userid", "uid", "username", "user").ifPresent(v -> properties.put("user", v));
        first(pairs, "password", "pwd").ifPresent(v -> properties.put("password", v));
        first(pairs, "sslmode").ifPresent(v -> properties.put("sslMode", switch (v.toLowerCase(Locale.ROOT)) {
            case "required" -> "trust";
            case "verifyca" -> "verify-ca";
            case "verifyfull" -> "verify-full";
            default -> "disable";
        }));
        first(pairs, "connectiontimeout", "connecttimeout").ifPresent(v -> properties.put("connectTimeout", v + "000"));
        String url = "jdbc:mariadb://" + String.join(",", addresses) + "/" + database;
        return new SqlConnectionSettings(dialect, url, properties, String.join(",", addresses), database);
    }

    private static SqlConnectionSettings sqlClient(SqlServerDialect dialect, Map<String, String> pairs) {
        String source = required(pairs, "SQL Server", "Data Source (or Server)", "datasource", "server", "address", "addr",
                "networkaddress");
        source = source.replaceFirst("(?i)^tcp:", "");
        String port = null;
        int comma = source.lastIndexOf(',');
        if (comma >= 0) {
            port = source.substring(comma + 1).trim();
            source = source.substring(0, comma).trim();
        }
        String instance = null;
        int backslash = source.indexOf('\\');
        if (backslash >= 0) {
            instance = source.substring(backslash + 1);
            source = source.substring(0, backslash);
        }
        if (source.equals(".") || source.equalsIgnoreCase("(local)") || source.equalsIgnoreCase("(localdb)")) {
            source = "localhost";
        }
        String database = first(pairs, "initialcatalog", "database").orElse("");
        StringBuilder url = new StringBuilder("jdbc:sqlserver://").append(source);
        if (port != null) {
            url.append(':').append(port);
        }
        if (!database.isEmpty()) {
            url.append(";databaseName=").append(database);
        }
        if (instance != null) {
            url.append(";instanceName=").append(instance);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        first(pairs, "userid", "uid", "user", "username").ifPresent(v -> properties.put("user", v));
        first(pairs, "password", "pwd").ifPresent(v -> properties.put("password", v));
        first(pairs, "integratedsecurity", "trustedconnection")
                .filter(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("sspi") || v.equalsIgnoreCase("yes"))
                .ifPresent(v -> properties.put("integratedSecurity", "true"));
        first(pairs, "encrypt").ifPresent(v -> properties.put("encrypt", switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "mandatory" -> "true";
            case "strict" -> "strict";
            default -> "false";
        }));
        first(pairs, "trustservercertificate").ifPresent(v -> properties.put("trustServerCertificate", v.toLowerCase(Locale.ROOT)));
        first(pairs, "connecttimeout", "connectiontimeout", "timeout").ifPresent(v -> properties.put("loginTimeout", v));
        first(pairs, "applicationname", "app").ifPresent(v -> properties.put("applicationName", v));
        String server = source + (instance == null ? "" : "\\" + instance) + (port == null ? "" : "," + port);
        return new SqlConnectionSettings(dialect, url.toString(), properties, server, database);
    }

    private static SqlConnectionSettings oracle(OracleDialect dialect, Map<String, String> pairs) {
        String source = required(pairs, "Oracle", "Data Source", "datasource", "server");
        String url;
        String server;
        String database;
        if (source.startsWith("(")) {
            url = "jdbc:oracle:thin:@" + source;
            Matcher host = Pattern.compile("(?i)HOST\\s*=\\s*([^)\\s]+)").matcher(source);
            Matcher service = Pattern.compile("(?i)(?:SERVICE_NAME|SID)\\s*=\\s*([^)\\s]+)").matcher(source);
            server = host.find() ? host.group(1) : "";
            database = service.find() ? service.group(1) : "";
        } else {
            String address = source.startsWith("//") ? source.substring(2) : source;
            url = "jdbc:oracle:thin:@//" + address;
            int slash = address.indexOf('/');
            server = slash < 0 ? address : address.substring(0, slash);
            database = slash < 0 ? "" : address.substring(slash + 1);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        first(pairs, "userid", "user", "uid", "username").ifPresent(v -> properties.put("user", v));
        first(pairs, "password", "pwd").ifPresent(v -> properties.put("password", v));
        return new SqlConnectionSettings(dialect, url, properties, server, database);
    }

    // ---- passwords ------------------------------------------------------------------------------

    /** The connection string with its password replaced by {@value #MASK}: .NET style, JDBC query parameters and user info. */
    public static String mask(String connectionString) {
        if (connectionString == null) {
            return null;
        }
        String masked = DOTNET_PASSWORD.matcher(connectionString).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        masked = URL_PASSWORD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        masked = URL_USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        return ORACLE_USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
    }

    /**
     * A connection string sent back as it was shown, with {@value #MASK} for the password, keeps the
     * stored password: the Studio and clients that read, edit and save a connection string do not
     * wipe it. Anything else is taken as given.
     */
    public static String restoreMaskedPassword(String incoming, String stored) {
        if (incoming == null || stored == null || !incoming.contains(MASK)) {
            return incoming;
        }
        java.util.Set<String> storedPasswords = new java.util.LinkedHashSet<>();
        for (Pattern pattern : List.of(DOTNET_PASSWORD, URL_PASSWORD)) {
            Matcher m = pattern.matcher(stored);
            while (m.find()) {
                storedPasswords.add(m.group(2));
            }
        }
        for (Pattern pattern : List.of(URL_USER_INFO, ORACLE_USER_INFO)) {
            Matcher m = pattern.matcher(stored);
            while (m.find()) {
                storedPasswords.add(m.group(2));
            }
        }
        if (storedPasswords.size() != 1) {
            return incoming;
        }
        return incoming.replace(MASK, storedPasswords.iterator().next());
    }
}
