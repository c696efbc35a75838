package dev.corvid.server.documents.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.documents.query.Condition.And;
import dev.corvid.server.documents.query.Condition.Between;
import dev.corvid.server.documents.query.Condition.Comparison;
import dev.corvid.server.documents.query.Condition.EndsWith;
import dev.corvid.server.documents.query.Condition.Exists;
import dev.corvid.server.documents.query.Condition.In;
import dev.corvid.server.documents.query.Condition.Not;
import dev.corvid.server.documents.query.Condition.Or;
import dev.corvid.server.documents.query.Condition.StartsWith;
import dev.corvid.server.documents.query.RqlToken.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the collection-query subset of RQL:
 * <pre>
 * from &lt;Collection | 'Collection' | "Collection" | @all_docs&gt; [as alias]
 *   [where &lt;condition&gt;]
 *   [order by &lt;field | id()&gt; [as long|double|string|alphaNumeric] [asc|desc], …]
 *   [limit $offset, $count | limit n | limit n offset m]
 * </pre>
 * Conditions: {@code field (= == != <> < <= > >=) value}, {@code field [all] in (v, …)},
 * {@code field between a and b}, {@code startsWith(field, v)}, {@code endsWith(field, v)},
 * {@code exists(field)}, {@code true}, {@code not}, {@code and}, {@code or} (binding in that order)
 * and parentheses. A field is a dotted path ({@code Address.City}, {@code 'first name'},
 * {@code alias.Name}, {@code Lines[].Product}) or {@code id()}. Values are {@code $parameters}, quoted
 * strings, numbers, {@code true}, {@code false} and {@code null}; a parameter holding a JSON array
 * stands for its elements inside {@code in (…)}. Keywords and function names ignore case.
 *
 * <p>Everything else fails with {@code INVALID_QUERY} and a message quoting the offending part;
 * {@code from index 'X'} fails with {@code INDEX_DOES_NOT_EXIST}. Stateless and thread-safe.
 */
public final class RqlParser {
    private static final Set<String> UNSUPPORTED_CLAUSES = Set.of(
            "select", "include", "load", "group", "update", "filter", "with", "declare", "match", "distinct", "facet");
    private static final Set<String> CLAUSE_WORDS = Set.of("as", "where", "order", "limit", "offset");
    private static final String WHERE_FUNCTIONS =
            "in where Corvid supports id(), startsWith(field, value), endsWith(field, value) and exists(field)";
    private static final String OPERATORS = "=, !=, <, <=, >, >=, in, all in or between";
    private static final int EXCERPT_LENGTH = 30;

    private final String rql;
    private final List<RqlToken> tokens;
    private final QueryParameters parameters;
    private int next;
    private Optional<String> alias = Optional.empty();

    private RqlParser(String rql, JsonNode parameters) {
        this.rql = rql;
        this.tokens = RqlLexer.tokenize(rql);
        this.parameters = QueryParameters.of(parameters);
    }

    /**
     * Parses RQL text.
     *
     * @param rql        the query
     * @param parameters the request's {@code QueryParameters} object; may be null or empty
     * @throws CorvidException {@code INVALID_QUERY} for syntax errors, unsupported clauses and unknown
     *                         parameters; {@code INDEX_DOES_NOT_EXIST} for {@code from index}
     */
    public static CollectionQuery parse(String rql, JsonNode parameters) {
        if (rql == null || rql.isBlank()) {
            throw QueryErrors.invalid("The query is empty; expected 'from <Collection>'.");
        }
        return new RqlParser(rql, parameters).query();
    }

    private CollectionQuery query() {
        if (!acceptWord("from")) {
            refuseUnsupportedClause(peek());
            throw error(peek(), "A query must start with 'from <Collection>'");
        }
        Optional<String> collection = collection();
        String expected = "'as', 'where', 'order by', 'limit' or the end of the query";
        if (acceptWord("as")) {
            alias = Optional.of(aliasName());
            expected = "'where', 'order by', 'limit' or the end of the query";
        }
        Optional<Condition> where = Optional.empty();
        if (acceptWord("where")) {
            where = Optional.of(orCondition());
            expected = "'and', 'or', 'order by', 'limit' or the end of the query";
        }
        List<OrderBy> orderBy = List.of();
        if (peek().isWord("order")) {
            orderBy = orderBy();
            expected = "'as <type>', 'asc', 'desc', ',', 'limit' or the end of the query";
        }
        Paging paging = new Paging(0, Optional.empty());
        if (acceptWord("limit")) {
            paging = limit();
            expected = "the end of the query";
        }
        expectEnd(expected);
        return new CollectionQuery(collection, where, orderBy, paging.offset(), paging.limit());
    }

    private record Paging(long offset, Optional<Long> limit) {
    }

    // ---- from

    private Optional<String> collection() {
        RqlToken name = advance();
        if (name.isWord("index") && (peek().kind() == Kind.STRING || isPlainWord(peek()))) {
            throw QueryErrors.indexDoesNotExist(advance().text());
        }
        if (name.isWord("@all_docs")) {
            return Optional.empty();
        }
        if (isPlainWord(name) || (name.kind() == Kind.STRING && !name.text().isBlank())) {
            return Optional.of(name.text());
        }
        refuseUnsupportedClause(name);
        throw error(name, "Expected a collection name after 'from' (Users, 'Users' or @all_docs)");
    }

    private String aliasName() {
        RqlToken name = advance();
        if (!isPlainWord(name)) {
            throw error(name, "Expected an alias name after 'as'");
        }
        return name.text();
    }

    // ---- where: or < and < not < primary

    private Condition orCondition() {
        Condition left = andCondition();
        while (acceptWord("or")) {
            left = new Or(left, andCondition());
        }
        return left;
    }

    private Condition andCondition() {
        Condition left = unaryCondition();
        while (acceptWord("and")) {
            left = new And(left, unaryCondition());
        }
        return left;
    }

    private Condition unaryCondition() {
        if (acceptWord("not")) {
            return new Not(unaryCondition());
        }
        return primaryCondition();
    }

    private Condition primaryCondition() {
        RqlToken first = peek();
        if (acceptSymbol("(")) {
            Condition inner = orCondition();
            expectSymbol(")", "Expected ')' to close the '(' at position " + first.start());
            return inner;
        }
        if (first.isWord("true") && !startsPredicate(peek(1))) {
            advance();
            return new Condition.True();
        }
        if (first.kind() == Kind.WORD && peek(1).isSymbol("(") && !first.isWord("id")) {
            return function();
        }
        Field field = field("a condition (a field, startsWith(), endsWith(), exists(), not, true or '(')");
        return predicate(field, first);
    }

    private boolean startsPredicate(RqlToken token) {
        return (token.kind() == Kind.SYMBOL && Operator.ofSymbol(token.text()).isPresent())
                || token.isWord("in") || token.isWord("all") || token.isWord("between");
    }

    private Condition predicate(Field field, RqlToken fieldStart) {
        RqlToken token = peek();
        Optional<Operator> operator = token.kind() == Kind.SYMBOL ? Operator.ofSymbol(token.text()) : Optional.empty();
        if (operator.isPresent()) {
            advance();
            return new Comparison(field, operator.get(), scalarValue("'" + token.text() + "'"));
        }
        if (acceptWord("in")) {
            return new In(field, valueList(), false);
        }
        if (token.isWord("all") && peek(1).isWord("in")) {
            advance();
            advance();
            return new In(field, valueList(), true);
        }
        if (acceptWord("between")) {
            JsonNode from = nonNullValue("between");
            expectWord("and", "Expected 'and' between the two values of 'between'");
            return new Between(field, from, nonNullValue("between"));
        }
        if (token.isSymbol("(")) {
            throw unsupportedFunction(fieldStart, field.text());
        }
        throw error(token, "Expected an operator (" + OPERATORS + ") after '" + field.text() + "'");
    }

    private Condition function() {
        RqlToken name = advance();
        advance();
        Condition condition = switch (name.text().toLowerCase(Locale.ROOT)) {
            case "startswith" -> new StartsWith(argumentField(), textArgument(name));
            case "endswith" -> new EndsWith(argumentField(), textArgument(name));
            case "exists" -> new Exists(field("a field inside exists()"));
            case "search" -> throw error(name, "search() needs a full-text index, which Corvid does not have; "
                    + "use =, startsWith() or endsWith() instead. " + QueryErrors.SUPPORTED);
            default -> throw unsupportedFunction(name, name.text());
        };
        expectSymbol(")", "Expected ')' to close " + name.text() + "(");
        return condition;
    }

    private Field argumentField() {
        Field field = field("a field as the first argument");
        expectSymbol(",", "Expected ',' after the field");
        return field;
    }

    private String textArgument(RqlToken function) {
        RqlToken token = peek();
        JsonNode value = value();
        return Values.text(value).orElseThrow(() -> error(token,
                function.text() + "() needs a string value, not " + describe(value)));
    }

    private CorvidException unsupportedFunction(RqlToken at, String name) {
        return error(at, "Unsupported function '" + name + "()'; " + WHERE_FUNCTIONS);
    }

    // ---- fields

    /** A dotted path or {@code id()}; {@code alias.} is dropped from the front of a path. */
    private Field field(String expected) {
        if (peek().isWord("id") && peek(1).isSymbol("(")) {
            return idFunction();
        }
        List<String> segments = new ArrayList<>();
        segment(segments, expected);
        while (acceptSymbol(".")) {
            segment(segments, "a field name after '.'");
        }
        if (alias.isPresent() && segments.size() > 1 && segments.get(0).equals(alias.get())) {
            segments.remove(0);
        }
        return new Field.Path(segments);
    }

    private void segment(List<String> segments, String expected) {
        RqlToken token = peek();
        if (token.kind() != Kind.WORD && token.kind() != Kind.STRING) {
            throw error(token, "Expected " + expected);
        }
        advance();
        int before = segments.size();
        for (String part : token.text().split("\\.")) {
            if (!part.isEmpty()) {
                segments.add(part);
            }
        }
        if (segments.size() == before) {
            throw error(token, "Expected a field name, not an empty one");
        }
        while (peek().isSymbol("[") && peek(1).isSymbol("]")) {
            advance();
            advance();
        }
    }

    private Field idFunction() {
        RqlToken id = advance();
        advance();
        if (alias.isPresent() && peek().kind() == Kind.WORD && peek().text().equals(alias.get())) {
            advance();
        }
        expectSymbol(")", "id() takes no argument" + alias.map(a -> " other than the alias '" + a + "'").orElse("")
                + "; expected ')' after 'id(' at position " + id.start());
        return Field.id();
    }

    // ---- values

    /** A value as written: a parameter's JSON (which may be an array or object), a literal otherwise. */
    private JsonNode value() {
        RqlToken token = advance();
        return switch (token.kind()) {
            case PARAMETER -> parameters.get(token.text());
            case STRING -> TextNode.valueOf(token.text());
            case NUMBER -> Values.normalize(numberNode(token.text()));
            case WORD -> {
                if (token.isWord("true") || token.isWord("false")) {
                    yield BooleanNode.valueOf(token.isWord("true"));
                }
                if (token.isWord("null")) {
                    yield NullNode.getInstance();
                }
                throw expectedValue(token);
            }
            default -> throw expectedValue(token);
        };
    }

    private static JsonNode numberNode(String text) {
        if (text.contains(".") || text.contains("e") || text.contains("E")) {
            return DoubleNode.valueOf(Double.parseDouble(text));
        }
        try {
            return LongNode.valueOf(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            return DoubleNode.valueOf(new BigDecimal(text).doubleValue());
        }
    }

    private CorvidException expectedValue(RqlToken token) {
        String hint = token.kind() == Kind.WORD ? " (quote strings: '" + token.text() + "')" : "";
        return error(token, "Expected a value ($parameter, 'string', number, true, false or null)" + hint);
    }

    private JsonNode scalarValue(String usedBy) {
        RqlToken token = peek();
        JsonNode value = value();
        if (!Values.isScalar(value)) {
            throw error(token, describe(value) + " cannot be compared with " + usedBy + "; it needs a single value"
                    + (value.isArray() ? " (use 'in' for a list)" : ""));
        }
        return Values.normalize(value);
    }

    private JsonNode nonNullValue(String usedBy) {
        RqlToken token = peek();
        JsonNode value = scalarValue("'" + usedBy + "'");
        if (value.isNull()) {
            throw error(token, "'" + usedBy + "' needs non-null values");
        }
        return value;
    }

    /** {@code (v1, v2, …)}; parameters holding arrays contribute their elements. */
    private List<JsonNode> valueList() {
        expectSymbol("(", "Expected '(' to start the list of values");
        List<JsonNode> values = new ArrayList<>();
        do {
            RqlToken token = peek();
            JsonNode value = value();
            for (JsonNode element : value.isArray() ? value : List.of(value)) {
                if (!Values.isScalar(element)) {
                    throw error(token, "The values of 'in' must be strings, numbers, booleans or null, not " + describe(element));
                }
                values.add(Values.normalize(element));
            }
        } while (acceptSymbol(","));
        expectSymbol(")", "Expected ',' or ')' in the list of values");
        return values;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object";
            case NULL -> "null";
            default -> "the " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
        };
    }

    // ---- order by, limit

    private List<OrderBy> orderBy() {
        advance();
        expectWord("by", "Expected 'by' after 'order'");
        List<OrderBy> keys = new ArrayList<>();
        do {
            keys.add(orderKey());
        } while (acceptSymbol(","));
        return keys;
    }

    private OrderBy orderKey() {
        RqlToken first = peek();
        if (first.kind() == Kind.WORD && peek(1).isSymbol("(") && !first.isWord("id")) {
            throw error(first, "Ordering by '" + first.text() + "()' is not supported; order by a field or id()");
        }
        Field field = field("a field (or id()) to order by");
        OrderType type = OrderType.STRING;
        if (acceptWord("as")) {
            RqlToken typeName = advance();
            type = OrderType.ofRqlName(typeName.kind() == Kind.WORD ? typeName.text() : "")
                    .orElseThrow(() -> error(typeName, "Unknown ordering type; use long, double, string or alphaNumeric"));
        }
        boolean descending = acceptWord("desc") || acceptWord("descending");
        if (!descending && !acceptWord("asc")) {
            acceptWord("ascending");
        }
        return new OrderBy(field.text(), type, descending);
    }

    private Paging limit() {
        long first = count("limit");
        if (acceptSymbol(",")) {
            return new Paging(first, Optional.of(count("limit")));
        }
        if (acceptWord("offset")) {
            return new Paging(count("offset"), Optional.of(first));
        }
        return new Paging(0, Optional.of(first));
    }

    private long count(String clause) {
        RqlToken token = peek();
        if (token.kind() != Kind.NUMBER && token.kind() != Kind.PARAMETER) {
            throw error(token, "Expected a number or $parameter after '" + clause + "'");
        }
        JsonNode value = value();
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw error(token, "'" + clause + "' needs a whole number of at least 0, not " + describe(value));
        }
        return value.longValue();
    }

    // ---- tokens

    private RqlToken peek() {
        return peek(0);
    }

    private RqlToken peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private RqlToken advance() {
        RqlToken token = peek();
        if (!token.isEnd()) {
            next++;
        }
        return token;
    }

    private boolean acceptWord(String keyword) {
        if (peek().isWord(keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectWord(String keyword, String problem) {
        if (!acceptWord(keyword)) {
            throw error(peek(), problem);
        }
    }

    private void expectSymbol(String symbol, String problem) {
        if (!acceptSymbol(symbol)) {
            throw error(peek(), problem);
        }
    }

    private void expectEnd(String expected) {
        RqlToken token = peek();
        if (token.isEnd()) {
            return;
        }
        refuseUnsupportedClause(token);
        throw error(token, "Unexpected '" + source(token) + "'; expected " + expected);
    }

    /** A word that can name a collection, an alias or a field rather than start a clause. */
    private static boolean isPlainWord(RqlToken token) {
        return token.kind() == Kind.WORD && !CLAUSE_WORDS.contains(token.text().toLowerCase(Locale.ROOT))
                && !UNSUPPORTED_CLAUSES.contains(token.text().toLowerCase(Locale.ROOT));
    }

    private void refuseUnsupportedClause(RqlToken token) {
        if (token.kind() == Kind.WORD && UNSUPPORTED_CLAUSES.contains(token.text().toLowerCase(Locale.ROOT))) {
            String clause = token.isWord("group") ? "group by" : token.text().toLowerCase(Locale.ROOT);
            throw QueryErrors.invalid("'" + clause + "' is not supported " + location(token) + ". " + QueryErrors.SUPPORTED);
        }
    }

    private CorvidException error(RqlToken at, String problem) {
        return QueryErrors.invalid(problem + " " + location(at) + ".");
    }

    private String location(RqlToken at) {
        return at.isEnd() ? "at the end of the query" : "at position " + at.start() + ": " + excerpt(rql, at.start());
    }

    private String source(RqlToken token) {
        return rql.substring(token.start(), token.end());
    }

    /** The query text from {@code from}, quoted and cut short, for error messages. */
    static String excerpt(String rql, int from) {
        String rest = rql.substring(from).strip();
        return "\"" + (rest.length() > EXCERPT_LENGTH ? rest.substring(0, EXCERPT_LENGTH) + "..." : rest) + "\"";
    }
}
