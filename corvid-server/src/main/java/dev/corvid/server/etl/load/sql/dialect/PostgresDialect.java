package dev.corvid.server.etl.load.sql.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL: rows go in with {@code COPY … FROM STDIN} ({@link PostgresCopyWriter}); deletes bind
 * up to 1000 ids as one {@code text[]} parameter ({@code = ANY (?)}), so one prepared statement
 * serves every chunk; the checkpoint is upserted with {@code ON CONFLICT}.
 */
public final class PostgresDialect implements SqlDialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    /**
     * {@code stringtype=unspecified}: string parameters are typed by the server, as in COPY (dates,
     * uuid, json columns). {@code enable_seqscan=off} and {@code plan_cache_mode=force_custom_plan}:
     * a table that was never analyzed (typically one being filled by this very task) has no
     * statistics, so the planner estimates that {@code id = ANY (1000 ids)} matches the whole table
     * and scans all of it for every chunk — quadratic, measured 5× slower than COPY alone. Every
     * statement of an ETL session is a key lookup, so index scans are always right; without an index
     * on the document id column PostgreSQL still scans, as it must.
     */
    @Override
    public Map<String, String> defaultProperties() {
        return Map.of("stringtype", "unspecified", "ApplicationName", "Corvid SQL ETL",
                "options", "-c enable_seqscan=off -c plan_cache_mode=force_custom_plan");
    }

    @Override
    public List<SqlCommand> deletes(String table, String idColumn, List<String> ids, boolean parameterize, boolean recompile) {
        if (!parameterize) {
            return SqlDialect.super.deletes(table, idColumn, ids, false, recompile);
        }
        List<SqlCommand> commands = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_DELETE) {
            String[] chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_DELETE)).toArray(String[]::new);
            commands.add(new SqlCommand("DELETE FROM " + table + " WHERE " + quoteIdentifier(idColumn) + " = ANY (?)",
                    java.util.Collections.singletonList(chunk)));
        }
        return commands;
    }

    @Override
    public RowWriter rowWriter() {
        return PostgresCopyWriter.INSTANCE;
    }

    @Override
    public boolean convertsTemporalStrings() {
        return false;
    }

    @Override
    public int maxParameters() {
        return 32_000;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        switch (value) {
            case String[] strings -> statement.setArray(index, statement.getConnection().createArrayOf("text", strings));
            case List<?> list -> statement.setArray(index, statement.getConnection().createArrayOf(arrayType(list), list.toArray()));
            case null, default -> SqlDialect.super.bind(statement, index, value, sqlType);
        }
    }

    private static String arrayType(List<?> list) {
        Object first = list.stream().filter(java.util.Objects::nonNull).map(Object.class::cast).findFirst().orElse("");
        return switch (first) {
            case Long l -> "int8";
            case Double d -> "float8";
            case java.math.BigDecimal d -> "numeric";
            case Boolean b -> "bool";
            default -> "text";
        };
    }

    /**
     * Two batches load at once: PostgreSQL takes no range locks, so the deletes and COPY of batches
     * without a document in common never wait for each other; only a unique key shared by their rows
     * can, which {@code pg_blocking_pids} shows.
     */
    @Override
    public Optional<Overlap> overlap() {
        return Optional.of(OVERLAP);
    }

    private static final Overlap OVERLAP = new Overlap("SELECT pg_backend_pid()",
            "WITH RECURSIVE blockers(pid) AS (SELECT unnest(pg_blocking_pids(?::int))"
                    + " UNION SELECT unnest(pg_blocking_pids(pid)) FROM blockers)"
                    + " SELECT pg_backend_pid() IN (SELECT pid FROM blockers)");

    /** Beyond the SQLState classes: 55P03 lock not available, 55006 object in use. */
    @Override
    public boolean isTransient(SQLException error) {
        for (SQLException e : SqlDialect.chain(error)) {
            if ("55P03".equals(e.getSQLState()) || "55006".equals(e.getSQLState())) {
                return true;
            }
        }
        return SqlDialect.super.isTransient(error);
    }

    @Override
    public String upsertCheckpoint() {
        return SqlDialect.upsertCheckpointOnConflict();
    }
}
