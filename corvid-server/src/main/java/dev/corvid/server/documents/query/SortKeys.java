package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The keys of an {@code order by} clause: read once from each matching document, then compared.
 * A key is the field's first value that fits the {@link OrderType} (the first element for arrays);
 * documents without one sort first ascending and last descending.
 */
final class SortKeys {
    private final List<Field> fields;
    private final List<OrderType> types;
    private final List<Comparator<Object>> columns;

    SortKeys(List<OrderBy> orderBy) {
        this.fields = orderBy.stream().map(OrderBy::target).toList();
        this.types = orderBy.stream().map(OrderBy::type).toList();
        this.columns = orderBy.stream().map(SortKeys::column).toList();
    }

    Object[] of(DocumentView document) {
        Object[] keys = new Object[fields.size()];
        for (int i = 0; i < keys.length; i++) {
            OrderType type = types.get(i);
            keys[i] = FieldValues.of(fields.get(i), document).stream()
                    .map(v -> key(type, v)).flatMap(Optional::stream).findFirst().orElse(null);
        }
        return keys;
    }

    int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int order = columns.get(i).compare(a[i], b[i]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static Optional<Object> key(OrderType type, JsonNode value) {
        Optional<String> text = Values.text(value);
        return switch (type) {
            case STRING, ALPHA_NUMERIC -> text.map(t -> t);
            case LONG -> value.isNumber() ? Optional.of(value.longValue()) : text.flatMap(SortKeys::number).map(BigDecimal::longValue);
            case DOUBLE -> value.isNumber() ? Optional.of(value.doubleValue()) : text.flatMap(SortKeys::number).map(BigDecimal::doubleValue);
        };
    }

    /** Numbers written as strings ({@code "42"}) sort as numbers too. */
    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static Comparator<Object> column(OrderBy key) {
        Comparator<Object> byValue = switch (key.type()) {
            case STRING -> (a, b) -> ((String) a).compareToIgnoreCase((String) b);
            case ALPHA_NUMERIC -> (a, b) -> AlphaNumericComparator.INSTANCE.compare((String) a, (String) b);
            case LONG -> (a, b) -> Long.compare((Long) a, (Long) b);
            case DOUBLE -> (a, b) -> Double.compare((Double) a, (Double) b);
        };
        Comparator<Object> missingFirst = Comparator.nullsFirst(byValue);
        return key.descending() ? missingFirst.reversed() : missingFirst;
    }
}
