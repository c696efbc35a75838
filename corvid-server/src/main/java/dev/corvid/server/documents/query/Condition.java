package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code where} clause. Values are JSON scalars (string, number, boolean or null) taken from
 * literals or from the query parameters; numbers are normalised to {@code long} or {@code double}
 * nodes. Conditions on {@code id()} use {@link Field.DocumentId} as their field.
 */
public sealed interface Condition {
    /** {@code where true}: matches every document. */
    record True() implements Condition {
    }

    /** {@code field <op> value}. */
    record Comparison(Field field, Operator operator, JsonNode value) implements Condition {
        public Comparison {
            Objects.requireNonNull(field);
            Objects.requireNonNull(operator);
            Objects.requireNonNull(value);
        }
    }

    /**
     * {@code field in (v1, v2, …)}: some value of the field equals one of the values; with
     * {@code all}, ({@code field all in (…)}), every listed value is among the field's values.
     * An empty list matches nothing.
     */
    record In(Field field, List<JsonNode> values, boolean all) implements Condition {
        public In {
            Objects.requireNonNull(field);
            values = List.copyOf(values);
        }
    }

    /** {@code field between from and to}, both ends included. */
    record Between(Field field, JsonNode from, JsonNode to) implements Condition {
        public Between {
            Objects.requireNonNull(field);
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
        }
    }

    /** {@code startsWith(field, prefix)}, ignoring case. */
    record StartsWith(Field field, String prefix) implements Condition {
        public StartsWith {
            Objects.requireNonNull(field);
            Objects.requireNonNull(prefix);
        }
    }

    /** {@code endsWith(field, suffix)}, ignoring case. */
    record EndsWith(Field field, String suffix) implements Condition {
        public EndsWith {
            Objects.requireNonNull(field);
            Objects.requireNonNull(suffix);
        }
    }

    /** {@code exists(field)}: the document has the field, even if its value is null. */
    record Exists(Field field) implements Condition {
        public Exists {
            Objects.requireNonNull(field);
        }
    }

    record And(Condition left, Condition right) implements Condition {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition);
        }
    }
}
