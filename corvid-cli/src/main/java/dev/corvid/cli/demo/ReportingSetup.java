package dev.corvid.cli.demo;

import dev.corvid.cli.Progress;
import dev.corvid.cli.demo.FirstRunWatch.FirstRun;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sets up the demo's SQL ETL task ({@link ReportingEtl}) into an SQLite file, follows its first full
 * run, and reads the revenue report back with SQL.
 *
 * <p>{@link #ensureTask} can be repeated: tables are created only when missing, and the task is added
 * only when the source database has no task of that name. Thread-safe as long as each thread waits
 * with its own {@link Progress}.
 */
public final class ReportingSetup {
    /** How long a read waits while the ETL task holds the SQLite file's write lock. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** One line of {@link ReportingEtl#REVENUE_BY_COMPANY}. */
    public record CompanyRevenue(String company, long orders, long units, BigDecimal revenue) {
    }

    private final DemoClient client;
    private final FirstRunWatch watch;
    private final Path file;

    /** @param file the SQLite file; created, with its tables, by {@link #ensureTask} */
    public ReportingSetup(DemoClient client, Path file) {
        this(client, new FirstRunWatch(client), file);
    }

    public ReportingSetup(DemoClient client, FirstRunWatch watch, Path file) {
        this.client = Objects.requireNonNull(client, "client");
        this.watch = Objects.requireNonNull(watch, "watch");
        this.file = file.toAbsolutePath();
    }

    /** The SQLite file, as an absolute path. */
    public Path file() {
        return file;
    }

    /** The JDBC URL of the reporting file, as the connection string names it. */
    public String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    /**
     * Creates the reporting tables when missing, points the connection string {@code reporting} of
     * {@code sourceDatabase} at the file (every time, as the data folder may have moved), and adds the
     * task unless {@code sourceDatabase} has a task of that name.
     *
     * @return true when the task was added, false when it existed already
     */
    public boolean ensureTask(String sourceDatabase) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : ReportingEtl.CREATE_TABLES) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new DemoClientException("Could not create the reporting tables in " + file + ": " + e.getMessage(), e);
        }
        client.putSqlConnectionString(sourceDatabase, ReportingEtl.CONNECTION_STRING, "", jdbcUrl());
        boolean exists = client.ongoingTaskNames(sourceDatabase).stream().anyMatch(ReportingEtl.TASK_NAME::equalsIgnoreCase);
        if (exists) {
            return false;
        }
        client.addSqlEtl(sourceDatabase, ReportingEtl.task());
        return true;
    }

    /** Where each script of the task stands now. */
    public List<EtlScriptProgress> progress(String sourceDatabase) {
        return watch.progress(sourceDatabase, ReportingEtl.TASK_NAME);
    }

    /** Follows the task's first full run; see {@link FirstRunWatch#await}. Does not finish {@code progress}. */
    public FirstRun awaitFirstRun(String sourceDatabase, Progress progress) throws InterruptedException {
        return watch.await(sourceDatabase, ReportingEtl.TASK_NAME, progress);
    }

    /** How many rows each reporting table holds, in the order Orders, OrderLines. */
    public List<Long> rowCounts() {
        List<Long> counts = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String table : List.of(ReportingEtl.ORDERS_TABLE, ReportingEtl.ORDER_LINES_TABLE)) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    counts.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new DemoClientException("Could not count the rows in " + file + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** The {@code limit} companies with the highest revenue, by {@link ReportingEtl#REVENUE_BY_COMPANY}. */
    public List<CompanyRevenue> revenueByCompany(int limit) {
        List<CompanyRevenue> report = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement(ReportingEtl.REVENUE_BY_COMPANY)) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    report.add(new CompanyRevenue(rows.getString(1), rows.getLong(2), rows.getLong(3),
                            new BigDecimal(rows.getString(4)).setScale(2, RoundingMode.HALF_UP)));
                }
            }
        } catch (SQLException e) {
            throw new DemoClientException("Could not read the report from " + file + ": " + e.getMessage(), e);
        }
        return report;
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
