package dev.corvid.server.documents.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
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
import dev.corvid.server.json.Json;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RqlParserTest {
    static CollectionQuery parse(String rql) {
        return RqlParser.parse(rql, null);
    }

    static CollectionQuery parse(String rql, String parametersJson) {
        try {
            return RqlParser.parse(rql, Json.MAPPER.readTree(parametersJson.replace('\'', '"')));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Condition where(String condition) {
        return parse("from Users where " + condition).where().orElseThrow();
    }

    static Comparison eq(String field, String value) {
        return new Comparison(Field.path(field), Operator.EQUALS, TextNode.valueOf(value));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String rql, String parametersJson) {
        return assertThatThrownBy(() -> parse(rql, parametersJson))
                .isInstanceOfSatisfying(CorvidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY));
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String rql) {
        return assertInvalid(rql, "{}");
    }

    @Nested
    class From {
        @Test
        void bareQueryOfTheJavaClientSelectsTheWholeCollection() {
            CollectionQuery query = parse("from 'Users'", "{}");

            assertThat(query).isEqualTo(new CollectionQuery(Optional.of("Users"), Optional.empty(), List.of(), 0, Optional.empty()));
            assertThat(query.indexName()).isEqualTo("collection/Users");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "from Users|Users",
                "from \"Order Lines\"|Order Lines",
                "from 'it\\'s'|it's",
                "from @empty|@empty",
                "FROM users|users"})
        void collectionNameMayBeBareOrQuoted(String rql, String collection) {
            assertThat(parse(rql).collection()).contains(collection);
        }

        @ParameterizedTest
        @ValueSource(strings = {"from @all_docs", "from @ALL_DOCS", "from @all_docs as d"})
        void allDocsQueriesEveryCollection(String rql) {
            CollectionQuery query = parse(rql);

            assertThat(query.collection()).isEmpty();
            assertThat(query.indexName()).isEqualTo("AllDocs");
        }

        @ParameterizedTest
        @ValueSource(strings = {"from index 'Orders/ByCompany'", "from INDEX \"Orders/ByCompany\" where Name = 'x'"})
        void indexQueriesFailWithIndexDoesNotExist(String rql) {
            assertThatThrownBy(() -> parse(rql))
                    .isInstanceOfSatisfying(CorvidException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INDEX_DOES_NOT_EXIST))
                    .hasMessage("Index 'Orders/ByCompany' does not exist; Corvid runs collection queries only (from <Collection>).");
        }

        @Test
        void keywordsIgnoreCase() {
            CollectionQuery query = parse("FROM Users AS u WHERE u.Name = $p0 AND Age > 3 ORDER BY Age AS LONG DESC LIMIT 5 OFFSET 2",
                    "{'p0': 'x'}");

            assertThat(query.where()).contains(new And(eq("Name", "x"),
                    new Comparison(Field.path("Age"), Operator.GREATER_THAN, LongNode.valueOf(3))));
            assertThat(query.orderBy()).containsExactly(new OrderBy("Age", OrderType.LONG, true));
            assertThat(query.offset()).isEqualTo(2);
            assertThat(query.limit()).contains(5L);
        }
    }

    @Nested
    class Where {
        @Test
        void queryOfTheJavaClientWithParameters() {
            CollectionQuery query = parse("from 'Users' where name = $p0 order by age limit $p1, $p2",
                    "{'p0': 'John', 'p1': 0, 'p2': 10}");

            assertThat(query).isEqualTo(new CollectionQuery(Optional.of("Users"), Optional.of(eq("name", "John")),
                    List.of(new OrderBy("age", OrderType.STRING, false)), 0, Optional.of(10L)));
        }

        @ParameterizedTest
        @CsvSource({"=,EQUALS", "==,EQUALS", "!=,NOT_EQUALS", "<>,NOT_EQUALS", "<,LESS_THAN", "<=,LESS_THAN_OR_EQUAL",
                ">,GREATER_THAN", ">=,GREATER_THAN_OR_EQUAL"})
        void comparisonOperators(String symbol, Operator operator) {
            assertThat(where("Age " + symbol + " 30")).isEqualTo(new Comparison(Field.path("Age"), operator, LongNode.valueOf(30)));
            assertThat(where("Age" + symbol + "30")).as("without blanks").isEqualTo(new Comparison(Field.path("Age"), operator, LongNode.valueOf(30)));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "'single'|single",
                "\"double\"|double",
                "'it\\'s'|it's",
                "\"say \\\"hi\\\"\"|say \"hi\"",
                "''|''"})
        void stringLiterals(String literal, String text) {
            assertThat(where("Name = " + literal)).isEqualTo(eq("Name", text.equals("''") ? "" : text));
        }

        @Test
        void otherLiterals() {
            assertThat(((Comparison) where("A = 42")).value()).isEqualTo(LongNode.valueOf(42));
            assertThat(((Comparison) where("A = -3.5")).value()).isEqualTo(DoubleNode.valueOf(-3.5));
            assertThat(((Comparison) where("A = 1e3")).value()).isEqualTo(DoubleNode.valueOf(1000));
            assertThat(((Comparison) where("A = 99999999999999999999")).value()).isEqualTo(DoubleNode.valueOf(1e20));
            assertThat(((Comparison) where("A = TRUE")).value()).isEqualTo(BooleanNode.TRUE);
            assertThat(((Comparison) where("A = false")).value()).isEqualTo(BooleanNode.FALSE);
            assertThat(((Comparison) where("A = null")).value()).isEqualTo(NullNode.getInstance());
        }

        @Test
        void parameterNumbersAreNormalisedToLongOrDouble() {
            CollectionQuery query = parse("from Users where A = $int and B = $double and C = $big", "{'int': 3, 'double': 2.5, 'big': 12345678901}");

            assertThat(query.where()).contains(new And(new And(
                    new Comparison(Field.path("A"), Operator.EQUALS, LongNode.valueOf(3)),
                    new Comparison(Field.path("B"), Operator.EQUALS, DoubleNode.valueOf(2.5))),
                    new Comparison(Field.path("C"), Operator.EQUALS, LongNode.valueOf(12345678901L))));
        }

        @Test
        void notBindsTighterThanAndWhichBindsTighterThanOr() {
            assertThat(where("a = 'x' or b = 'y' and not c = 'z'"))
                    .isEqualTo(new Or(eq("a", "x"), new And(eq("b", "y"), new Not(eq("c", "z")))));
            assertThat(where("not a = 'x' and b = 'y'"))
                    .isEqualTo(new And(new Not(eq("a", "x")), eq("b", "y")));
            assertThat(where("a = 'x' and b = 'y' or c = 'z'"))
                    .isEqualTo(new Or(new And(eq("a", "x"), eq("b", "y")), eq("c", "z")));
        }

        @Test
        void andAndOrAssociateToTheLeft() {
            assertThat(where("a = 'x' and b = 'y' and c = 'z'"))
                    .isEqualTo(new And(new And(eq("a", "x"), eq("b", "y")), eq("c", "z")));
            assertThat(where("a = 'x' or b = 'y' or c = 'z'"))
                    .isEqualTo(new Or(new Or(eq("a", "x"), eq("b", "y")), eq("c", "z")));
        }

        @Test
        void parenthesesGroup() {
            assertThat(where("(a = 'x' or b = 'y') and not (c = 'z')"))
                    .isEqualTo(new And(new Or(eq("a", "x"), eq("b", "y")), new Not(eq("c", "z"))));
            assertThat(where("((a = 'x'))")).isEqualTo(eq("a", "x"));
        }

        @Test
        void trueMatchesEverythingAndCombinesWithNot() {
            assertThat(where("true")).isEqualTo(new True());
            assertThat(where("true and not a = 'x'")).isEqualTo(new And(new True(), new Not(eq("a", "x"))));
        }

        @Test
        void inTakesLiteralsParametersAndArrayParameters() {
            CollectionQuery query = parse("from Users where Name in ($p0, 'c', $p1)", "{'p0': ['a', 'b'], 'p1': 7}");

            assertThat(query.where()).contains(new In(Field.path("Name"),
                    List.of(TextNode.valueOf("a"), TextNode.valueOf("b"), TextNode.valueOf("c"), LongNode.valueOf(7)), false));
        }

        @Test
        void allIn() {
            assertThat(where("Tags all in ('a', 'b')"))
                    .isEqualTo(new In(Field.path("Tags"), List.of(TextNode.valueOf("a"), TextNode.valueOf("b")), true));
        }

        @Test
        void emptyArrayParameterGivesAnEmptyList() {
            assertThat(parse("from Users where Name in ($p0)", "{'p0': []}").where())
                    .contains(new In(Field.path("Name"), List.of(), false));
        }

        @Test
        void between() {
            assertThat(parse("from Users where Age between $p0 and $p1 and Name = 'x'", "{'p0': 1, 'p1': 9}").where())
                    .contains(new And(new Between(Field.path("Age"), LongNode.valueOf(1), LongNode.valueOf(9)), eq("Name", "x")));
        }

        @Test
        void functions() {
            assertThat(parse("from Users where startsWith(Name, $p0)", "{'p0': 'jo'}").where())
                    .contains(new StartsWith(Field.path("Name"), "jo"));
            assertThat(where("ENDSWITH(Name, 'hn')")).isEqualTo(new EndsWith(Field.path("Name"), "hn"));
            assertThat(where("exists(Address.City)")).isEqualTo(new Exists(Field.path("Address", "City")));
            assertThat(where("startsWith(id(), 'users/')")).isEqualTo(new StartsWith(Field.id(), "users/"));
            assertThat(where("startsWith(Code, 12)")).as("numbers by their text").isEqualTo(new StartsWith(Field.path("Code"), "12"));
        }

        @Test
        void idConditions() {
            CollectionQuery query = parse("from Users where id() = $p0 or id() in ($p1)", "{'p0': 'users/1', 'p1': ['users/2', 'users/3']}");

            assertThat(query.where()).contains(new Or(
                    new Comparison(Field.id(), Operator.EQUALS, TextNode.valueOf("users/1")),
                    new In(Field.id(), List.of(TextNode.valueOf("users/2"), TextNode.valueOf("users/3")), false)));
        }
    }

    @Nested
    class Fields {
        @Test
        void nestedAndQuotedPaths() {
            assertThat(where("Address.City = 'x'")).isEqualTo(new Comparison(Field.path("Address", "City"), Operator.EQUALS, TextNode.valueOf("x")));
            assertThat(where("'first name' = 'x'")).isEqualTo(eq("first name", "x"));
            assertThat(where("\"Address\".'City' = 'x'")).isEqualTo(where("Address.City = 'x'"));
            assertThat(where("'Address.City' = 'x'")).as("a quoted path is still a path").isEqualTo(where("Address.City = 'x'"));
            assertThat(where("Lines[].Product = 'x'")).isEqualTo(new Comparison(Field.path("Lines", "Product"), Operator.EQUALS, TextNode.valueOf("x")));
        }

        @Test
        void metadataPaths() {
            assertThat(where("@metadata.@collection = 'Users'"))
                    .isEqualTo(new Comparison(Field.path("@metadata", "@collection"), Operator.EQUALS, TextNode.valueOf("Users")));
            assertThat(parse("from Users order by @metadata.@last-modified desc").orderBy())
                    .containsExactly(new OrderBy("@metadata.@last-modified", OrderType.STRING, true));
            assertThat(where("'@metadata'.'@last-modified' > '2024'")).isInstanceOf(Comparison.class);
        }

        @Test
        void aliasPrefixIsDropped() {
            CollectionQuery query = parse("from Users as u where u.Address.City = 'x' and id(u) = 'users/1' order by u.Name");

            assertThat(query.where()).contains(new And(
                    new Comparison(Field.path("Address", "City"), Operator.EQUALS, TextNode.valueOf("x")),
                    new Comparison(Field.id(), Operator.EQUALS, TextNode.valueOf("users/1"))));
            assertThat(query.orderBy()).containsExactly(new OrderBy("Name", OrderType.STRING, false));
        }

        @Test
        void withoutAliasTheFirstSegmentIsAField() {
            assertThat(where("u.Name = 'x'")).isEqualTo(new Comparison(Field.path("u", "Name"), Operator.EQUALS, TextNode.valueOf("x")));
        }

        @Test
        void fieldTextRoundTrips() {
            assertThat(Field.parse("id()")).isEqualTo(Field.id());
            assertThat(Field.parse("Address.City")).isEqualTo(Field.path("Address", "City"));
            assertThat(Field.path("Address", "City").text()).isEqualTo("Address.City");
        }
    }

    @Nested
    class OrderAndLimit {
        @Test
        void orderByKeysTypesAndDirections() {
            CollectionQuery query = parse("from Users order by Name, Age as long desc, Score as DOUBLE asc, Code as alphanumeric descending, id()");

            assertThat(query.orderBy()).containsExactly(
                    new OrderBy("Name", OrderType.STRING, false),
                    new OrderBy("Age", OrderType.LONG, true),
                    new OrderBy("Score", OrderType.DOUBLE, false),
                    new OrderBy("Code", OrderType.ALPHA_NUMERIC, true),
                    new OrderBy("id()", OrderType.STRING, false));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "limit 10|0|10",
                "limit 5, 10|5|10",
                "limit 10 offset 5|5|10",
                "limit $p0, $p1|20|7",
                "limit 0|0|0"})
        void limitForms(String clause, long offset, long limit) {
            CollectionQuery query = parse("from Users " + clause, "{'p0': 20, 'p1': 7}");

            assertThat(query.offset()).isEqualTo(offset);
            assertThat(query.limit()).contains(limit);
        }

        @Test
        void commentsAreIgnored() {
            assertThat(parse("from Users /* all of them */ where Name = 'x' // by name\n limit 1").where()).contains(eq("Name", "x"));
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void emptyQuery(String rql) {
            assertInvalid(rql).hasMessageContaining("The query is empty");
        }

        @Test
        void mustStartWithFrom() {
            assertInvalid("where Name = 'x'").hasMessageStartingWith("A query must start with 'from <Collection>' at position 0: \"where Name = 'x'\"");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "from Users select Name|'select' is not supported at position 11: \"select Name\"",
                "from Users where Name = 'x' include Company|'include' is not supported at position 28",
                "from Users as u load u.Company as c|'load' is not supported",
                "from Users group by Country|'group by' is not supported",
                "from Users update { this.x = 1 }|'update' is not supported",
                "declare function f() {}|'declare' is not supported at position 0",
                "from Users where Name = 'x' limit 5 select facet(Name)|'select' is not supported",
                "from Users filter Age > 3|'filter' is not supported"})
        void unsupportedClausesAreRefusedNamingTheClause(String rql, String message) {
            assertInvalid(rql).hasMessageContaining(message)
                    .hasMessageContaining("Corvid runs collection queries only: from <Collection> [as alias] [where ...] [order by ...] [limit ...].");
        }

        @Test
        void searchIsRefused() {
            assertInvalid("from Users where search(Name, 'jo*')")
                    .hasMessageContaining("search() needs a full-text index")
                    .hasMessageContaining("position 17: \"search(Name, 'jo*')\"");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "from Users where regex(Name, 'x')|Unsupported function 'regex()'",
                "from Users where spatial.within(Loc, $p0)|Unsupported function 'spatial.within()'",
                "from Users where Name = 'x' and lucene(Name, 'x')|Unsupported function 'lucene()'"})
        void unknownFunctionsAreRefusedListingTheSupportedOnes(String rql, String message) {
            assertInvalid(rql).hasMessageContaining(message)
                    .hasMessageContaining("id(), startsWith(field, value), endsWith(field, value) and exists(field)");
        }

        @Test
        void unterminatedString() {
            assertInvalid("from Users where Name = 'John").hasMessageContaining("Unterminated string starting at position 24: \"'John\"");
            assertInvalid("from \"Users").hasMessageContaining("Unterminated string starting at position 5");
        }

        @Test
        void unknownParameterIsNamed() {
            assertInvalid("from Users where Name = $p9", "{'p0': 1, 'p1': 2}")
                    .hasMessage("Parameter '$p9' is used in the query but not given in QueryParameters (given: $p0, $p1).");
            assertThatThrownBy(() -> RqlParser.parse("from Users limit $p0, $p1", null))
                    .hasMessageContaining("'$p0'").hasMessageContaining("QueryParameters is empty");
        }

        @Test
        void parametersMustBeAnObject() {
            assertInvalid("from Users", "[1]").hasMessageContaining("QueryParameters must be a JSON object");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "from Users where Name = 'x' Age|Unexpected 'Age'; expected 'and', 'or', 'order by', 'limit' or the end of the query at position 28",
                "from Users limit 5 6|Unexpected '6'; expected the end of the query",
                "from Users u|Unexpected 'u'; expected 'as', 'where', 'order by', 'limit' or the end of the query",
                "from Users order by Name limit 1 where A = 1|Unexpected 'where'",
                "from Users where (Name = 'x'|Expected ')' to close the '(' at position 17 at the end of the query",
                "from Users where Name = 'x')|Unexpected ')'",
                "from Users where Name|Expected an operator (=, !=, <, <=, >, >=, in, all in or between) after 'Name' at the end of the query",
                "from Users where Name ~ 'x'|Expected an operator (=, !=, <, <=, >, >=, in, all in or between) after 'Name' at position 22: \"~ 'x'\"",
                "from Users where Name = 'x' # comment|Unexpected '#'",
                "from Users where|Expected a condition",
                "from Users where Name = 'x' and|Expected a condition",
                "from Users where Age between 1 or 5|Expected 'and' between the two values of 'between'",
                "from Users where Name in 'x'|Expected '(' to start the list of values",
                "from Users where Name in ('x' 'y')|Expected ',' or ')' in the list of values",
                "from|Expected a collection name after 'from'",
                "from where|Expected a collection name after 'from'",
                "from Users as where|Expected an alias name after 'as'",
                "from Users order Name|Expected 'by' after 'order'",
                "from Users order by Name as date|Unknown ordering type; use long, double, string or alphaNumeric",
                "from Users order by random()|Ordering by 'random()' is not supported; order by a field or id()",
                "from Users limit|Expected a number or $parameter after 'limit'",
                "from Users limit -1|'limit' needs a whole number of at least 0, not the number -1",
                "from Users limit 2.5|'limit' needs a whole number of at least 0",
                "from Users where id(x) = 'a'|id() takes no argument",
                "from Users where Name = $|Expected a parameter name after '$'"})
        void syntaxErrorsSayWhatWasExpectedAndWhere(String rql, String message) {
            assertInvalid(rql).hasMessageContaining(message);
        }

        @Test
        void unquotedStringValueGetsAHint() {
            assertInvalid("from Users where Name = John")
                    .hasMessage("Expected a value ($parameter, 'string', number, true, false or null) (quote strings: 'John') at position 24: \"John\".");
        }

        @Test
        void arrayParameterNeedsIn() {
            assertInvalid("from Users where Name = $p0", "{'p0': ['a']}")
                    .hasMessageContaining("a JSON array cannot be compared with '='; it needs a single value (use 'in' for a list)");
            assertInvalid("from Users where Name in ($p0)", "{'p0': [{'a': 1}]}")
                    .hasMessageContaining("The values of 'in' must be strings, numbers, booleans or null, not a JSON object");
            assertInvalid("from Users where Age between null and 3").hasMessageContaining("'between' needs non-null values");
            assertInvalid("from Users where startsWith(Name, null)").hasMessageContaining("startsWith() needs a string value, not null");
        }

        @Test
        void limitParameterMustBeAWholeNumber() {
            assertInvalid("from Users limit $p0", "{'p0': 'ten'}").hasMessageContaining("'limit' needs a whole number of at least 0, not the string \"ten\"");
        }
    }

    @Test
    void longErrorExcerptsAreCut() {
        assertThat(RqlParser.excerpt("from Users where " + "x".repeat(100), 11)).isEqualTo("\"where " + "x".repeat(24) + "...\"");
    }
}
