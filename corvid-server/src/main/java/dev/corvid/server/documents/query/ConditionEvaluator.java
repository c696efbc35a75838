package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.server.documents.query.Condition.And;
import dev.corvid.server.documents.query.Condition.Between;
import dev.corvid.server.documents.query.Condition.Comparison;
import dev.corvid.server.documents.query.Condition.EndsWith;
import dev.corvid.server.documents.query.Condition.Exists;
import dev.corvid.server.documents.query.Condition.In;
import dev.corvid.server.documents.query.Condition.Not;
import dev.corvid.server.documents.query.Condition.Or;
import dev.corvid.server.documents.query.Condition.StartsWith;
import dev.corvid.server.documents.query.Condition.True;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides whether a document matches a {@link Condition}. A field with several values (an array)
 * matches when any value does; {@code !=} is the negation of {@code =}, so documents without the
 * field match {@code field != value}. Value rules are in {@link Values}.
 */
final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    static boolean matches(Condition condition, DocumentView document) {
        return switch (condition) {
            case True t -> true;
            case And(Condition left, Condition right) -> matches(left, document) && matches(right, document);
            case Or(Condition left, Condition right) -> matches(left, document) || matches(right, document);
            case Not(Condition inner) -> !matches(inner, document);
            case Comparison c -> compare(c, FieldValues.of(c.field(), document));
            case In in -> in(in, FieldValues.of(in.field(), document));
            case Between b -> any(FieldValues.of(b.field(), document),
                    v -> Values.compare(v, b.from()).orElse(-1) >= 0 && Values.compare(v, b.to()).orElse(1) <= 0);
            case StartsWith s -> any(FieldValues.of(s.field(), document),
                    v -> Values.text(v).map(t -> t.regionMatches(true, 0, s.prefix(), 0, s.prefix().length())).orElse(false));
            case EndsWith e -> any(FieldValues.of(e.field(), document),
                    v -> Values.text(v).map(t -> endsWithIgnoreCase(t, e.suffix())).orElse(false));
            case Exists e -> any(FieldValues.of(e.field(), document), v -> !v.isMissingNode());
        };
    }

    private static boolean compare(Comparison comparison, List<JsonNode> values) {
        JsonNode query = comparison.value();
        return switch (comparison.operator()) {
            case EQUALS -> any(values, v -> Values.isEqual(v, query));
            case NOT_EQUALS -> !any(values, v -> Values.isEqual(v, query));
            default -> any(values, v -> {
                var order = Values.compare(v, query);
                return order.isPresent() && comparison.operator().accepts(order.getAsInt());
            });
        };
    }

    private static boolean in(In in, List<JsonNode> values) {
        if (in.values().isEmpty()) {
            return false;
        }
        if (in.all()) {
            return in.values().stream().allMatch(q -> any(values, v -> Values.isEqual(v, q)));
        }
        return any(values, v -> in.values().stream().anyMatch(q -> Values.isEqual(v, q)));
    }

    private static boolean any(List<JsonNode> values, Predicate<JsonNode> test) {
        for (JsonNode value : values) {
            if (test.test(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithIgnoreCase(String text, String suffix) {
        int start = text.length() - suffix.length();
        return start >= 0 && text.regionMatches(true, start, suffix, 0, suffix.length());
    }
}
