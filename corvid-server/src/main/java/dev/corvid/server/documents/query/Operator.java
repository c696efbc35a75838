package dev.corvid.server.documents.query;

import java.util.Optional;

/** The comparison operators of RQL. */
public enum Operator {
    EQUALS("="),
    NOT_EQUALS("!="),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Reads {@code = == != <> < <= > >=}. */
    public static Optional<Operator> ofSymbol(String text) {
        return Optional.ofNullable(switch (text) {
            case "=", "==" -> EQUALS;
            case "!=", "<>" -> NOT_EQUALS;
            case "<" -> LESS_THAN;
            case "<=" -> LESS_THAN_OR_EQUAL;
            case ">" -> GREATER_THAN;
            case ">=" -> GREATER_THAN_OR_EQUAL;
            default -> null;
        });
    }

    /** For the ordering operators: whether {@code comparison} (document value vs query value) satisfies it. */
    boolean accepts(int comparison) {
        return switch (this) {
            case EQUALS -> comparison == 0;
            case NOT_EQUALS -> comparison != 0;
            case LESS_THAN -> comparison < 0;
            case LESS_THAN_OR_EQUAL -> comparison <= 0;
            case GREATER_THAN -> comparison > 0;
            case GREATER_THAN_OR_EQUAL -> comparison >= 0;
        };
    }
}
