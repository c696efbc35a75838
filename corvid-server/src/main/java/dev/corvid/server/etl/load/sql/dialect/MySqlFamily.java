package dev.corvid.server.etl.load.sql.dialect;

import java.util.List;
import java.util.Set;

/**
 * What MariaDB and MySQL share: backtick quoting, backslash escapes in literals, single-row prepared
 * inserts in one JDBC batch (each driver turns the batch into bulk commands its own way), InnoDB for
 * the checkpoint table, and their error numbers. The two dialects differ in driver, driver
 * properties and the checkpoint upsert.
 */
public abstract sealed class MySqlFamily implements SqlDialect permits MariaDbDialect, MySqlDialect {
    /** 1205 lock wait timeout, 1213 deadlock, 1040 too many connections, 1927 connection killed, 2006/2013 server gone / lost, 1053 shutdown. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1213, 1040, 1927, 2006, 2013, 1053, 1180, 1181);
    /**
     * 1146 no such table, 1054 unknown column, 1062 duplicate key, 1048 column cannot be null,
     * 1364 no default, 1366 incorrect value, 1264 out of range, 1406 data too long, 1292 incorrect
     * date/time, 1452/1451 foreign key, 1064 syntax, 1136 column count.
     */
    private static final Set<Integer> PERMANENT_CODES = Set.of(1146, 1054, 1062, 1048, 1364, 1366, 1264, 1406, 1292,
            1452, 1451, 1064, 1136);
    private static final ErrorCodes ERROR_CODES = new ErrorCodes(TRANSIENT_CODES, PERMANENT_CODES);

    @Override
    public String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** In MySQL's default SQL mode a backslash escapes, so it is doubled along with the quote. */
    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public int rowsPerInsert(int columns) {
        return 1;
    }

    @Override
    public ErrorCodes errorCodes() {
        return ERROR_CODES;
    }

    @Override
    public List<String> createCheckpointTable() {
        return List.of("CREATE TABLE IF NOT EXISTS " + CHECKPOINT_TABLE + " ("
                + SqlDialect.checkpointColumns("VARCHAR", "256", "BIGINT", "DATETIME(6)") + ") ENGINE=InnoDB");
    }
}
