package dev.corvid.server.documents.query;

import java.util.Objects;

/**
 * One key of an {@code order by} clause.
 *
 * @param field      {@code id()} or a dotted path (see {@link Field#text()})
 * @param type       how values are compared
 * @param descending {@code desc}; documents without the field then come last instead of first
 */
public record OrderBy(String field, OrderType type, boolean descending) {
    public OrderBy {
        Objects.requireNonNull(field);
        Objects.requireNonNull(type);
    }

    /** The field this key reads. */
    public Field target() {
        return Field.parse(field);
    }
}
