package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How document values compare with query values, following RavenDB: strings (and booleans) compare
 * ordinally ignoring case; a number in the query matches only numbers, compared numerically; a string
 * in the query also matches a number by its text ({@code 30} = {@code '30'}); missing and null equal
 * only {@code null} and never compare with anything else. Objects and arrays are never equal to a scalar.
 */
final class Values {
    private Values() {
    }

    /** Numbers become {@code long} nodes when whole and in range, {@code double} nodes otherwise. */
    static JsonNode normalize(JsonNode value) {
        if (!value.isNumber()) {
            return value;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return LongNode.valueOf(value.longValue());
        }
        return DoubleNode.valueOf(value.doubleValue());
    }

    static boolean isScalar(JsonNode value) {
        return value.isValueNode() && !value.isBinary() && !value.isPojo();
    }

    /** The text of a string, number or boolean; empty for null, missing, objects and arrays. */
    static Optional<String> text(JsonNode value) {
        if (value.isTextual()) {
            return Optional.of(value.textValue());
        }
        if (value.isNumber() || value.isBoolean()) {
            return Optional.of(value.asText());
        }
        return Optional.empty();
    }

    /** {@code document = query}; a missing document value is given as a missing node. */
    static boolean isEqual(JsonNode document, JsonNode query) {
        if (query.isNull()) {
            return document.isNull() || document.isMissingNode();
        }
        if (query.isNumber()) {
            return document.isNumber() && compareNumbers(document, query) == 0;
        }
        return text(document).map(t -> t.equalsIgnoreCase(query.asText())).orElse(false);
    }

    /** Orders {@code document} against {@code query}; empty when they cannot be compared. */
    static OptionalInt compare(JsonNode document, JsonNode query) {
        if (query.isNull()) {
            return OptionalInt.empty();
        }
        if (query.isNumber()) {
            return document.isNumber() ? OptionalInt.of(compareNumbers(document, query)) : OptionalInt.empty();
        }
        return text(document).map(t -> OptionalInt.of(t.compareToIgnoreCase(query.asText()))).orElse(OptionalInt.empty());
    }

    static int compareNumbers(JsonNode a, JsonNode b) {
        if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (a.isDouble() || a.isFloat() || b.isDouble() || b.isFloat()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.decimalValue().compareTo(b.decimalValue());
    }
}
