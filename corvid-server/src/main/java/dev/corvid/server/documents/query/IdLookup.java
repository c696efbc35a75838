package dev.corvid.server.documents.query;

import dev.corvid.server.documents.query.Condition.And;
import dev.corvid.server.documents.query.Condition.Comparison;
import dev.corvid.server.documents.query.Condition.In;
import java.util.List;
import java.util.Optional;

/**
 * Finds the document ids a condition is limited to, so the executor can load those documents
 * instead of scanning the collection: {@code id() = v}, {@code id() in (…)}, or an {@code and}
 * with one of them on either side. The whole condition is still checked on each loaded document.
 */
final class IdLookup {
    private IdLookup() {
    }

    static Optional<List<String>> idsOf(Condition condition) {
        return switch (condition) {
            case Comparison(Field.DocumentId id, Operator op, var value) when op == Operator.EQUALS ->
                    Optional.of(Values.text(value).stream().toList());
            case In(Field.DocumentId id, var values, boolean all) when !all ->
                    Optional.of(values.stream().map(Values::text).flatMap(Optional::stream).toList());
            case And(Condition left, Condition right) -> idsOf(left).or(() -> idsOf(right));
            default -> Optional.empty();
        };
    }
}
