package dev.corvid.server.etl.load.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TargetConnection#executeAll} against the machine's PostgreSQL, whose driver pipelines a batch. */
class TargetConnectionIT {
    private static final String TABLE = "corvid_target_connection_it";

    private TargetConnection target;

    @BeforeEach
    void connect() throws SQLException {
        Connection jdbc = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        try (Statement s = jdbc.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (id text, n int)");
            s.execute("INSERT INTO " + TABLE + " SELECT 'd/' || i, i FROM generate_series(0, 2499) i");
        }
        jdbc.setAutoCommit(false);
        target = new TargetConnection(jdbc, PostgresDialect.INSTANCE, null, false);
    }

    @AfterEach
    void drop() throws SQLException {
        target.jdbc().rollback();
        target.jdbc().setAutoCommit(true);
        target.executeDirect("DROP TABLE IF EXISTS " + TABLE);
        target.close();
    }

    @Test
    void theChunksOfADeleteRunAsOneBatchAndEveryCommandRunsInOrder() throws SQLException {
        List<String> ids = IntStream.range(0, 2500).filter(i -> i % 2 == 0).mapToObj(i -> "d/" + i).toList();
        List<SqlCommand> commands = new ArrayList<>(PostgresDialect.INSTANCE.deletes(TABLE, "id", ids, true, false));
        assertThat(commands).hasSize(2);
        commands.add(new SqlCommand("UPDATE " + TABLE + " SET n = -n WHERE id = ?", List.of("d/1")));
        commands.add(new SqlCommand("DELETE FROM " + TABLE + " WHERE n < 0", List.of()));

        target.executeAll(commands);

        assertThat(count("")).isEqualTo(1249);
        assertThat(count(" WHERE n % 2 = 0")).isZero();
        assertThat(count(" WHERE id = 'd/1'")).isZero();
    }

    @Test
    void aFailingChunkThrowsTheDatabasesOwnError() {
        List<SqlCommand> commands = List.of(
                new SqlCommand("DELETE FROM " + TABLE + " WHERE n = ?::int", List.of("1")),
                new SqlCommand("DELETE FROM " + TABLE + " WHERE n = ?::int", List.of("not a number")));

        assertThatThrownBy(() -> target.executeAll(commands)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("22P02");
            assertThat(e.getMessage()).contains("invalid input syntax for type integer").doesNotContain("Batch entry");
        });
    }

    private long count(String where) throws SQLException {
        try (Statement s = target.jdbc().createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
