package dev.corvid.server.etl.load.sql;

import dev.corvid.server.etl.SqlEtlConfiguration;
import dev.corvid.server.etl.SqlEtlTable;
import dev.corvid.server.etl.load.EtlSink;
import dev.corvid.server.etl.load.LoadMetrics;
import dev.corvid.server.etl.load.PermanentLoadException;
import dev.corvid.server.etl.load.TransientLoadException;
import dev.corvid.server.etl.load.sql.dialect.SqlDialect;
import dev.corvid.server.etl.load.sql.dialect.TargetConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads SQL ETL batches exactly once. Per batch, one transaction: delete the previous rows of the
 * batch's documents (unless insert-only), write the new rows with the dialect's fast writer, upsert
 * the checkpoint row in {@code corvid_etl_state} — then commit. The rows and the checkpoint commit
 * together or not at all, so after a crash at any moment the process resumes right after the last
 * committed batch ({@link #storedCheckpoint()}): no row set is lost or written twice, insert-only
 * tables included.
 *
 * <p>Failures: a connection that cannot be opened, and errors the dialect calls transient, are
 * {@link TransientLoadException}s (retried with back-off). Errors in what was sent (missing table or
 * column, constraint, type) are {@link PermanentLoadException}s naming the table, the document whose
 * row failed (found by replaying that table's rows one by one in a rolled-back transaction) and the
 * database's message. After any failure the connection is discarded and a new one opened next time.
 *
 * <p>An initial load into empty tables sends no deletes: when the script has no checkpoint in the
 * target (a new task, or a reset) and every delete-then-insert table is empty, the sink keeps the
 * ids it writes rows for ({@link WrittenDocuments}) and deletes only for those: the other documents
 * have no rows to look for. This assumes what SQL ETL assumes
 * anyway, that the task owns the rows of its documents: a second writer of the same document ids
 * into the same tables would see them duplicated where it would otherwise see them overwritten.
 * A sink that starts with a checkpoint present deletes for every document, as RavenDB does.
 *
 * <p>What each committed batch did per table, and any statement slower than
 * {@link LoadMetrics#SLOW_STATEMENT}, go to the process's {@link LoadMetrics}.
 *
 * <p>One connection per batch in flight ({@link #loadsInFlight()}: two where the dialect allows
 * {@link SqlDialect#overlap() overlapping loads}, else one); their prepared statements are reused
 * from batch to batch. With two, a batch sharing no document with the one still loading
 * ({@link #independent}) deletes and writes its rows meanwhile on the other connection, then waits
 * for that batch to commit before it writes its own checkpoint and commits: the checkpoint still
 * moves in order, and a batch whose predecessor failed rolls back. Should the predecessor wait for
 * a lock this batch holds, this batch rolls back, waits, and does its work again.
 */
final class SqlSink implements EtlSink<SqlItem> {
    private static final Logger LOG = LoggerFactory.getLogger(SqlSink.class);
    /** How long finding the failing document of a rejected batch may take. */
    private static final Duration DIAGNOSIS_TIME = Duration.ofSeconds(30);
    /** How often a batch waiting for the one before it to commit checks that it does not hold that one up. */
    private static final Duration LOCK_CHECK_INTERVAL = Duration.ofMillis(100);
    /** How long an open connection may take to answer the check that it still works, as a run starts. */
    private static final int VALIDATION_SECONDS = 5;

    private final SqlEtlConfiguration task;
    private final SqlConnectionSettings settings;
    private final String transformationName;
    private final String sourceDatabaseId;
    private final String sourceDatabase;
    private final LoadMetrics metrics;
    private final List<Lane> lanes;
    /** The lanes in use, {@code lanes[0..inUse)}, that no load holds. */
    private final BlockingQueue<Lane> idle;
    /** How many lanes loads use: the first always; the others once their connections opened (see {@link #alone}). */
    private volatile int inUse = 1;
    /** True once another connection failed to open, so that it is logged once, not at every run. */
    private boolean oneAtATime;
    /** What this sink wrote since it found the tables empty; null when that is not known: delete for every document. */
    private volatile WrittenDocuments written;

    /**
     * @param transformationName the script whose process this sink serves (its checkpoint row)
     * @param sourceDatabaseId   the source database's id: a database re-created under the same name has
     *                           a new id, so it never resumes from the old database's checkpoint
     */
    SqlSink(SqlEtlConfiguration task, SqlConnectionSettings settings, String transformationName, String sourceDatabaseId,
            String sourceDatabase, LoadMetrics metrics) {
        this.task = task;
        this.settings = settings;
        this.transformationName = transformationName;
        this.sourceDatabaseId = sourceDatabaseId;
        this.sourceDatabase = sourceDatabase;
        this.metrics = metrics;
        int count = settings.dialect().overlap().isPresent() ? 2 : 1;
        this.lanes = IntStream.range(0, count).mapToObj(i -> new Lane()).toList();
        this.idle = new ArrayBlockingQueue<>(count, false, List.of(lanes.getFirst()));
    }

    @Override
    public String load(List<SqlItem> items, Checkpoint upTo) {
        return load(items, upTo, null);
    }

    @Override
    public String load(List<SqlItem> items, Checkpoint upTo, Future<?> previous) {
        Lane lane = take();
        try {
            return load(lane, items, upTo, previous);
        } finally {
            idle.add(lane);
        }
    }

    private String load(Lane lane, List<SqlItem> items, Checkpoint upTo, Future<?> previous) {
        TargetConnection target = lane.open();
        WrittenDocuments known = written;
        LoadPlan plan = LoadPlan.of(task, settings.dialect(), items, known == null ? documentId -> true : known::mayContain);
        try {
            List<LoadPlan.TableWork> work = plan.run(target, lane.columnTypes, metrics);
            if (previous != null && !awaitCommitted(previous, lane)) {
                target.jdbc().rollback();
                awaitCommitted(previous, null);
                work = plan.run(target, lane.columnTypes, metrics);
            }
            writeCheckpoint(target, upTo);
            if (known != null) {
                // before the commit: should the commit's answer be lost, the rows may still be there
                for (SqlItem item : items) {
                    if (!item.rows().isEmpty()) {
                        known.add(item.documentId());
                    }
                }
            }
            target.jdbc().commit();
            for (LoadPlan.TableWork table : work) {
                metrics.table(table.tableName(), table.writtenRows(), table.deletedDocuments(), table.write(), table.delete());
            }
            return settings.database() + "@" + settings.server();
        } catch (LoadPlan.StepFailure failure) {
            lane.discard();
            throw failed(plan, failure);
        } catch (SQLException e) {
            lane.discard();
            throw failed("Saving the checkpoint or committing", e);
        } catch (RuntimeException e) {
            lane.discard();
            throw e;
        }
    }

    /**
     * Waits until the batch before this one committed. True once it has; false when {@code lane} is
     * given and that batch waits for a lock {@code lane}'s transaction holds.
     *
     * @throws TransientLoadException when that batch failed or was abandoned: this one must not commit
     */
    private boolean awaitCommitted(Future<?> previous, Lane lane) throws SQLException {
        while (true) {
            try {
                previous.get(LOCK_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                if (lane != null && lane.blocksAnother()) {
                    LOG.debug("{}: the batch before waits for a lock this one holds; rolling this one back to let it"
                            + " through, then loading it again", transformationName);
                    return false;
                }
            } catch (ExecutionException | CancellationException e) {
                throw new TransientLoadException("Not loaded: the batch before it was not loaded", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientLoadException("Not loaded: interrupted while the batch before it was loading", e);
            }
        }
    }

    /** At most this many loads run at once: one per open connection. */
    @Override
    public int loadsInFlight() {
        return inUse;
    }

    /** No document in common (ids compared case-insensitively, as documents' ids are). */
    @Override
    public boolean independent(List<SqlItem> earlier, List<SqlItem> later) {
        Set<String> ids = new HashSet<>(earlier.size() * 2);
        for (SqlItem item : earlier) {
            ids.add(item.documentId().toLowerCase(Locale.ROOT));
        }
        for (SqlItem item : later) {
            if (ids.contains(item.documentId().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private void writeCheckpoint(TargetConnection target, Checkpoint upTo) throws SQLException {
        PreparedStatement upsert = target.prepared(settings.dialect().upsertCheckpoint());
        upsert.setString(1, sourceDatabaseId);
        upsert.setString(2, upTo.taskName());
        upsert.setString(3, upTo.transformationName());
        upsert.setString(4, sourceDatabase);
        upsert.setLong(5, upTo.etag());
        upsert.executeUpdate();
    }

    @Override
    public boolean storesCheckpoint() {
        return true;
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.discard();
        }
    }

    // ---- connections --------------------------------------------------------------------------

    private Lane take() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientLoadException("Interrupted while waiting for a connection to " + settings.describe(), e);
        }
    }

    /**
     * Runs {@code work} on the first connection while no batch loads — as a process starts a run —
     * then opens the other connections: a target that refuses one (too many connections, say) is
     * loaded one batch at a time until the next run. Connections left open by the last run are
     * checked first, so that one the target dropped meanwhile is replaced instead of failing a batch.
     */
    private <R> R alone(Function<Lane, R> work) {
        List<Lane> taken = new ArrayList<>(lanes.size());
        try {
            while (taken.size() < inUse) {
                taken.add(take());
            }
            lanes.getFirst().reopenIfBroken();
            R result = work.apply(lanes.getFirst());
            inUse = 1 + openOtherLanes();
            return result;
        } finally {
            idle.addAll(lanes.subList(0, inUse));
        }
    }

    /** Opens the lanes after the first, in order, up to the first that cannot connect; returns how many did. */
    private int openOtherLanes() {
        for (int i = 1; i < lanes.size(); i++) {
            try {
                lanes.get(i).reopenIfBroken();
            } catch (RuntimeException e) {
                lanes.get(i).discard();
                if (!oneAtATime) {
                    LOG.warn("{}: loading one batch at a time: another connection to {} failed: {}", transformationName,
                            settings.describe(), e.getMessage());
                }
                oneAtATime = true;
                return i - 1;
            }
        }
        if (oneAtATime) {
            LOG.info("{}: loading {} batches at once into {} again", transformationName, lanes.size(), settings.describe());
        }
        oneAtATime = false;
        return lanes.size() - 1;
    }

    /** One connection to the target and what is cached for it; used by one thread at a time. */
    private final class Lane {
        private TargetConnection connection;
        private ColumnTypes columnTypes;
        /** The database's id of the connection's session, when loads overlap; -1 when there is none. */
        private volatile long sessionId = -1;

        TargetConnection open() {
            if (connection != null) {
                return connection;
            }
            TargetConnection opened;
            try {
                opened = SqlConnections.open(settings, task.commandTimeout(), task.forceQueryRecompile());
            } catch (SqlConnections.ConnectFailure e) {
                if (e.isConfigurationError()) {
                    throw new PermanentLoadException(e.getMessage(), e);
                }
                throw new TransientLoadException(e.getMessage(), e);
            }
            try {
                ensureCheckpointTable(opened);
            } catch (SQLException e) {
                opened.close();
                throw failed("Creating the checkpoint table " + SqlDialect.CHECKPOINT_TABLE, e);
            }
            try {
                sessionId = lanes.size() > 1 ? sessionId(opened) : -1;
            } catch (SQLException e) {
                opened.close();
                throw failed("Reading the session's id", e);
            }
            ColumnTypes types = new ColumnTypes();
            opened.columnTypes((table, column) -> types.type(opened.jdbc(), table, column));
            connection = opened;
            columnTypes = types;
            return opened;
        }

        /**
         * Opens the connection, or checks that the open one still answers and replaces it if not:
         * as a run starts, the target may have gone away and come back since the last batch.
         */
        void reopenIfBroken() {
            if (connection != null) {
                boolean valid;
                try {
                    valid = connection.jdbc().isValid(VALIDATION_SECONDS);
                } catch (SQLException e) {
                    valid = false;
                }
                if (!valid) {
                    discard();
                }
            }
            open();
        }

        private long sessionId(TargetConnection opened) throws SQLException {
            try (Statement statement = opened.jdbc().createStatement();
                 ResultSet rs = statement.executeQuery(settings.dialect().overlap().orElseThrow().sessionId())) {
                rs.next();
                long id = rs.getLong(1);
                opened.jdbc().commit();
                return id;
            }
        }

        /** True when another connection of this sink waits, directly or not, for a lock this one holds. */
        boolean blocksAnother() throws SQLException {
            PreparedStatement check = connection.prepared(settings.dialect().overlap().orElseThrow().isBlocking());
            for (Lane other : lanes) {
                long id = other.sessionId;
                if (other == this || id < 0) {
                    continue;
                }
                check.setLong(1, id);
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
            return false;
        }

        void discard() {
            TargetConnection closing = connection;
            connection = null;
            columnTypes = null;
            sessionId = -1;
            if (closing != null) {
                try {
                    closing.jdbc().rollback();
                } catch (SQLException | RuntimeException ignored) {
                    // the connection may be broken; it is closed next
                }
                closing.close();
            }
        }
    }

    private void ensureCheckpointTable(TargetConnection target) throws SQLException {
        try {
            for (String statement : settings.dialect().createCheckpointTable()) {
                target.executeDirect(statement);
            }
            target.jdbc().commit();
        } catch (SQLException e) {
            target.jdbc().rollback();
            // another process may have created it at the same moment; fine if it is there now
            try (var statement = target.jdbc().createStatement();
                 var rs = statement.executeQuery("SELECT last_etag FROM " + SqlDialect.CHECKPOINT_TABLE + " WHERE 1 = 0")) {
                target.jdbc().rollback();
            } catch (SQLException stillMissing) {
                target.jdbc().rollback();
                throw e;
            }
        }
    }

    // ---- checkpoint ---------------------------------------------------------------------------

    /** The etag the target holds for this script, if it has a row. */
    @Override
    public Optional<Long> storedCheckpoint() {
        return alone(lane -> {
            TargetConnection target = lane.open();
            try {
                PreparedStatement select = keyed(target, settings.dialect().selectCheckpoint());
                Optional<Long> etag;
                try (ResultSet rs = select.executeQuery()) {
                    etag = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
                target.jdbc().commit();
                if (etag.isEmpty()) {
                    written = tablesEmpty(target) ? new WrittenDocuments() : null;
                }
                return etag;
            } catch (SQLException e) {
                lane.discard();
                throw failed("Reading the checkpoint", e);
            }
        });
    }

    /** Deletes this script's checkpoint row, so that it starts over. */
    @Override
    public void resetCheckpoint() {
        alone(lane -> {
            TargetConnection target = lane.open();
            try {
                keyed(target, settings.dialect().deleteCheckpoint()).executeUpdate();
                target.jdbc().commit();
                written = tablesEmpty(target) ? new WrittenDocuments() : null;
                return null;
            } catch (SQLException e) {
                lane.discard();
                throw failed("Resetting the checkpoint", e);
            }
        });
    }

    /** {@code sql} prepared with this script's checkpoint key bound: source database id, task, script. */
    private PreparedStatement keyed(TargetConnection target, String sql) throws SQLException {
        PreparedStatement statement = target.prepared(sql);
        statement.setString(1, sourceDatabaseId);
        statement.setString(2, task.name());
        statement.setString(3, transformationName);
        return statement;
    }

    /** True when no delete-then-insert table has a row; false too when one cannot be read (the load will say why). */
    private boolean tablesEmpty(TargetConnection target) throws SQLException {
        try {
            for (SqlEtlTable table : task.sqlTables()) {
                if (table.insertOnlyMode()) {
                    continue;
                }
                String sql = settings.dialect().anyRow(settings.dialect().tableName(table.tableName(), task.quoteTables()));
                try (Statement statement = target.jdbc().createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            target.jdbc().rollback();
        }
    }

    // ---- failures -----------------------------------------------------------------------------

    private RuntimeException failed(String what, SQLException e) {
        String message = what + " failed on " + settings.describe() + ": " + SqlConnections.message(e);
        return settings.dialect().isTransient(e) ? new TransientLoadException(message, e) : new PermanentLoadException(message, e);
    }

    private RuntimeException failed(LoadPlan plan, LoadPlan.StepFailure failure) {
        String table = failure.table.table().tableName();
        if (settings.dialect().isTransient(failure.error)) {
            return new TransientLoadException("Table '" + table + "': " + SqlConnections.message(failure.error), failure.error);
        }
        String message;
        if (failure.group == null) {
            message = "Table '" + table + "', deleting the previous rows by " + failure.table.table().documentIdColumn()
                    + ": " + SqlConnections.message(failure.error);
        } else {
            message = diagnose(failure).map(found -> "Table '" + table + "', document '" + found.documentId() + "': " + found.message())
                    .orElse("Table '" + table + "': " + SqlConnections.message(failure.error));
        }
        LOG.warn("SQL ETL batch rejected by {}: {}", settings.describe(), message);
        return new PermanentLoadException(message, failure.error);
    }

    private record Culprit(String documentId, String message) {
    }

    /** Replays the failed table's rows one by one in a transaction that is rolled back, to name the document. */
    private Optional<Culprit> diagnose(LoadPlan.StepFailure failure) {
        long deadline = System.nanoTime() + DIAGNOSIS_TIME.toNanos();
        TargetConnection target;
        try {
            target = SqlConnections.open(settings, task.commandTimeout(), task.forceQueryRecompile());
        } catch (SqlConnections.ConnectFailure e) {
            return Optional.empty();
        }
        try (target) {
            SqlDialect dialect = settings.dialect();
            ColumnTypes types = new ColumnTypes();
            for (var delete : dialect.deletes(failure.table.sqlName(), failure.table.table().documentIdColumn(),
                    failure.table.deleteIds(), task.parameterizeDeletes(), false)) {
                target.execute(delete);
            }
            LoadPlan.RowGroup group = failure.group;
            String sql = dialect.insert(failure.table.sqlName(), group.columns(), 1, false);
            PreparedStatement insert = target.prepared(sql);
            for (int r = 0; r < group.rows().size() && System.nanoTime() < deadline; r++) {
                Object[] row = group.rows().get(r);
                for (int c = 0; c < row.length; c++) {
                    dialect.bind(insert, c + 1, row[c], types.type(target.jdbc(), failure.table.sqlName(), group.columns().get(c)));
                }
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    return Optional.of(new Culprit(group.documentIds().get(r), SqlConnections.message(e)));
                }
            }
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        } finally {
            try {
                target.jdbc().rollback();
            } catch (SQLException | RuntimeException ignored) {
                // closed anyway
            }
        }
    }
}
