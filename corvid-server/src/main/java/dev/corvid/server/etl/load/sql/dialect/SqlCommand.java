package dev.corvid.server.etl.load.sql.dialect;

import java.util.List;

/**
 * One statement as it is sent to the database: its text with JDBC {@code ?} placeholders and the
 * values bound to them, in order. For a {@code COPY … FROM STDIN} the parameters are the rows
 * streamed to it, one list per row.
 */
public record SqlCommand(String text, List<Object> parameters) {
    public SqlCommand {
        parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    public static SqlCommand of(String text, Object... parameters) {
        return new SqlCommand(text, java.util.Arrays.asList(parameters));
    }
}
