package dev.corvid.server.etl.load.sql.dialect;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's fastest path: {@code COPY table (columns) FROM STDIN (FORMAT csv)}, streamed in
 * chunks of about {@value #CHUNK_CHARS} characters, inside the batch's transaction. The server parses each
 * value for its column's type, so ISO dates go into {@code timestamp} columns and JSON text into
 * {@code jsonb} ones without conversion; an empty unquoted field is NULL, every value is quoted.
 */
public final class PostgresCopyWriter implements RowWriter {
    static final PostgresCopyWriter INSTANCE = new PostgresCopyWriter();
    static final int CHUNK_CHARS = 256 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    private PostgresCopyWriter() {
    }

    static String copyStatement(SqlDialect dialect, String table, List<String> columns) {
        return "COPY " + table + " (" + columns.stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
    }

    @Override
    public void write(TargetConnection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        CopyIn copy = connection.jdbc().unwrap(PGConnection.class).getCopyAPI()
                .copyIn(copyStatement(connection.dialect(), table, columns));
        try {
            // rows are appended as text and encoded a chunk at a time: one String and one byte[] per chunk, not per row
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 4096);
            for (Object[] row : rows) {
                appendRow(chunk, row);
                if (chunk.length() >= CHUNK_CHARS) {
                    send(copy, chunk);
                }
            }
            if (!chunk.isEmpty()) {
                send(copy, chunk);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the COPY already failed; its error is the one reported
                }
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** One CSV line: every non-null value quoted (quotes doubled), NULL as an empty unquoted field. */
    static void appendRow(StringBuilder line, Object[] row) {
        for (int c = 0; c < row.length; c++) {
            if (c > 0) {
                line.append(',');
            }
            switch (row[c]) {
                case null -> {
                }
                case Long number -> line.append('"').append(number.longValue()).append('"');
                case String text -> appendQuoted(line, text);
                case Object value -> appendQuoted(line, text(value));
            }
        }
        line.append('\n');
    }

    /** Copies the text between quotes in runs, doubling each quote inside it. */
    private static void appendQuoted(StringBuilder line, String text) {
        line.append('"');
        int from = 0;
        for (int quote = text.indexOf('"'); quote >= 0; quote = text.indexOf('"', from)) {
            line.append(text, from, quote + 1).append('"');
            from = quote + 1;
        }
        line.append(text, from, text.length()).append('"');
    }

    /** A value in PostgreSQL's text input format. */
    static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case byte[] bytes -> "\\x" + HEX.formatHex(bytes);
            case java.math.BigDecimal d -> d.toPlainString();
            case List<?> list -> arrayLiteral(list);
            default -> value.toString();
        };
    }

    private static String arrayLiteral(List<?> list) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object element = list.get(i);
            if (element == null) {
                literal.append("NULL");
            } else {
                literal.append('"').append(text(element).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return literal.append('}').toString();
    }

    @Override
    public List<SqlCommand> describe(SqlDialect dialect, String table, List<String> columns, List<Object[]> rows, boolean recompile) {
        return List.of(RowWriter.rowsCommand(copyStatement(dialect, table, columns), rows));
    }
}
