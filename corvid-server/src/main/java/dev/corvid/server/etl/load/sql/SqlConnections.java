package dev.corvid.server.etl.load.sql;

import dev.corvid.server.etl.load.sql.dialect.TargetConnection;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Set;

/**
 * Opens connections to target databases through the dialect's driver class (no DriverManager
 * look-up), and words connection failures so that a user can act on them: unreachable server,
 * authentication, unknown database, missing driver. Messages never contain the password.
 */
public final class SqlConnections {
    /** Vendor codes for failed authentication: MySQL/MariaDB 1045, SQL Server 18456, Oracle 1017. */
    private static final Set<Integer> AUTH_CODES = Set.of(1045, 18456, 1017);
    /** Vendor codes for an unknown database: MySQL/MariaDB 1049, SQL Server 4060, Oracle 12514 (unknown service). */
    private static final Set<Integer> UNKNOWN_DATABASE_CODES = Set.of(1049, 4060, 12514);

    private SqlConnections() {
    }

    /** Why a connection could not be opened, as a message for the user. */
    public static final class ConnectFailure extends Exception {
        private final boolean configuration;

        ConnectFailure(String message, Throwable cause, boolean configuration) {
            super(message, cause);
            this.configuration = configuration;
        }

        /** True when only a change of configuration can help (missing driver), false when the target may come back. */
        public boolean isConfigurationError() {
            return configuration;
        }
    }

    /** Opens a connection in manual-commit mode. */
    public static TargetConnection open(SqlConnectionSettings settings, Integer timeoutSeconds, boolean forceRecompile)
            throws ConnectFailure {
        Driver driver;
        try {
            driver = (Driver) Class.forName(settings.dialect().driverClassName(), true, SqlConnections.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConnectFailure("The JDBC driver for " + settings.dialect().name() + " ("
                    + settings.dialect().driverClassName() + ") is missing from Corvid's class path", e, true);
        }
        try {
            Connection connection = driver.connect(settings.jdbcUrl(), settings.jdbcProperties());
            if (connection == null) {
                throw new ConnectFailure("The JDBC driver for " + settings.dialect().name() + " does not accept the URL "
                        + SqlConnectionSettings.mask(settings.jdbcUrl()), null, true);
            }
            try {
                connection.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return new TargetConnection(connection, settings.dialect(), timeoutSeconds, forceRecompile);
        } catch (SQLException | RuntimeException e) {
            throw new ConnectFailure(describe(settings, e), e, false);
        }
    }

    /** A message for a failed connection attempt. */
    static String describe(SqlConnectionSettings settings, Exception error) {
        String where = settings.describe();
        String detail = firstLine(error);
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                return "Could not reach " + where + ": " + firstLine(t);
            }
        }
        if (error instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (state.startsWith("28") || AUTH_CODES.contains(sql.getErrorCode())) {
                return "Authentication failed for user '" + settings.user().orElse("") + "' on " + where + ": " + detail;
            }
            if (state.equals("3D000") || UNKNOWN_DATABASE_CODES.contains(sql.getErrorCode())) {
                return "The database '" + settings.database() + "' does not exist on " + where + ": " + detail;
            }
            if (state.startsWith("08")) {
                return "Could not reach " + where + ": " + detail;
            }
        }
        return "Could not connect to " + where + ": " + detail;
    }

    static String firstLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return SqlConnectionSettings.mask(message.strip().lines().findFirst().orElse(message));
    }

    /** The driver's message for a statement failure, on one line where it has several (PostgreSQL adds details). */
    static String message(SQLException error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage().strip();
        SQLException next = error.getNextException();
        if (next != null && next != error && next.getMessage() != null && !message.contains(next.getMessage().strip())) {
            message = message + " (" + next.getMessage().strip() + ")";
        }
        return SqlConnectionSettings.mask(message.replaceAll("\\s*\\n\\s*", " "));
    }

    /** {@code true} when a connection can be opened, else the message: for the test-connection endpoint. */
    public static java.util.Optional<String> test(SqlConnectionSettings settings) {
        try (TargetConnection connection = open(settings, 15, false)) {
            if (!connection.jdbc().isValid(15)) {
                return java.util.Optional.of("Connected to " + settings.describe() + " but the connection is not usable");
            }
            return java.util.Optional.empty();
        } catch (ConnectFailure e) {
            return java.util.Optional.of(e.getMessage());
        } catch (SQLException e) {
            return java.util.Optional.of(describe(settings, e));
        }
    }
}
