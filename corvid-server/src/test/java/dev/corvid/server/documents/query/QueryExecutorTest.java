package dev.corvid.server.documents.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.json.Json;
import dev.corvid.server.storage.ReadTxn;
import dev.corvid.server.storage.StorageOptions;
import dev.corvid.server.storage.StoredDocument;
import dev.corvid.server.storage.WriteTxn;
import dev.corvid.server.storage.lmdb.LmdbStorage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs parsed queries on one real storage, seeded once; no test writes to it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryExecutorTest {
    LmdbStorage storage;

    @BeforeAll
    void seed(@TempDir Path dir) {
        storage = LmdbStorage.open(StorageOptions.at(dir).withMapSize(1L << 30));
        storage.write((WriteTxn w) -> {
            put(w, "users/1", "Users", "{'name': 'John', 'age': 31, 'score': 7.5, 'address': {'city': 'London'}, 'tags': ['admin', 'dev'], 'code': 'item10', 'born': '1993-05-01'}");
            put(w, "users/2", "Users", "{'name': 'jane', 'age': 25, 'score': 9.25, 'address': {'city': 'Paris'}, 'tags': ['dev'], 'code': 'item2', 'born': '1999-12-31'}");
            put(w, "users/3", "Users", "{'name': 'Bob', 'age': 40, 'address': {'city': 'london'}, 'nickname': null, 'tags': [], 'code': 'Item1'}");
            put(w, "users/4", "Users", "{'name': 'alice', 'age': '45', 'score': 7.5, 'address': null, 'active': true}");
            put(w, "users/5", "Users", "{'name': 'Zed', 'active': false}");
            put(w, "orders/1", "Orders", "{'lines': [{'product': 'Widget', 'qty': 2}, {'product': 'Gadget', 'qty': 10}]}");
            put(w, "orders/2", "Orders", "{'lines': [{'product': 'Gizmo', 'qty': 1}]}");
            IntStream.rangeClosed(1, 25).forEach(i -> put(w, "items/" + i, "Items", "{'n': " + i + ", 'group': " + (i % 3) + "}"));
            return null;
        });
    }

    @AfterAll
    void close() {
        storage.close();
    }

    static void put(WriteTxn w, String id, String collection, String json) {
        w.put(id, document(collection, json));
    }

    static ObjectNode document(String collection, String json) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"'));
            node.putObject("@metadata").put("@collection", collection);
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    QueryResult run(String rql, String parametersJson) {
        try {
            CollectionQuery query = RqlParser.parse(rql, Json.MAPPER.readTree(parametersJson.replace('\'', '"')));
            return storage.read((ReadTxn r) -> QueryExecutor.execute(r, query));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    QueryResult run(String rql) {
        return run(rql, "{}");
    }

    List<String> ids(String rql, String parametersJson) {
        return run(rql, parametersJson).results().stream().map(StoredDocument::id).toList();
    }

    List<String> ids(String rql) {
        return ids(rql, "{}");
    }

    List<String> users(String where) {
        return ids("from Users where " + where);
    }

    @Nested
    class Filtering {
        @Test
        void stringEqualityIgnoresCase() {
            assertThat(users("name = 'JOHN'")).containsExactly("users/1");
            assertThat(ids("from Users where name = $p0", "{'p0': 'Jane'}")).containsExactly("users/2");
            assertThat(users("name == 'bob'")).containsExactly("users/3");
        }

        @Test
        void numbersCompareNumericallyAndOnlyWithNumbers() {
            assertThat(users("age > 30")).as("'45' is a string").containsExactly("users/1", "users/3");
            assertThat(users("age >= 31")).containsExactly("users/1", "users/3");
            assertThat(users("age < 31")).containsExactly("users/2");
            assertThat(users("age <= 31")).containsExactly("users/1", "users/2");
            assertThat(users("score = 7.5")).containsExactly("users/1", "users/4");
            assertThat(users("age = 31.0")).as("long vs double").containsExactly("users/1");
            assertThat(ids("from Users where age > $p0", "{'p0': 30}")).containsExactly("users/1", "users/3");
        }

        @Test
        void stringValuesMatchNumbersByTheirText() {
            assertThat(users("age = '45'")).containsExactly("users/4");
            assertThat(users("age = '31'")).containsExactly("users/1");
        }

        @Test
        void stringsCompareOrdinallyIgnoringCase() {
            assertThat(users("name > 'john'")).containsExactly("users/5");
            assertThat(users("name < 'BOB'")).containsExactly("users/4");
            assertThat(users("born > '1995-01-01'")).as("ISO dates order as text").containsExactly("users/2");
        }

        @Test
        void booleansMatch() {
            assertThat(users("active = true")).containsExactly("users/4");
            assertThat(users("active = 'FALSE'")).containsExactly("users/5");
        }

        @Test
        void missingAndNullEqualNullOnly() {
            assertThat(users("nickname = null")).containsExactly("users/1", "users/2", "users/3", "users/4", "users/5");
            assertThat(users("address = null")).containsExactly("users/4", "users/5");
            assertThat(users("address.city = null")).containsExactly("users/4", "users/5");
            assertThat(users("score > 0")).containsExactly("users/1", "users/2", "users/4");
            assertThat(users("score < 100")).as("missing fields never compare").containsExactly("users/1", "users/2", "users/4");
            assertThat(users("score != null")).containsExactly("users/1", "users/2", "users/4");
        }

        @Test
        void notEqualsIsTheNegationOfEqualsSoMissingFieldsMatch() {
            assertThat(users("score != 7.5")).containsExactly("users/2", "users/3", "users/5");
            assertThat(users("name <> 'john'")).containsExactly("users/2", "users/3", "users/4", "users/5");
            assertThat(users("tags != 'DEV'")).containsExactly("users/3", "users/4", "users/5");
        }

        @Test
        void in() {
            assertThat(users("name in ('JOHN', 'bob', 'nobody')")).containsExactly("users/1", "users/3");
            assertThat(ids("from Users where name in ($p0)", "{'p0': ['john', 'zed']}")).containsExactly("users/1", "users/5");
            assertThat(ids("from Users where age in ($p0)", "{'p0': [25, 40]}")).containsExactly("users/2", "users/3");
            assertThat(ids("from Users where name in ($p0)", "{'p0': []}")).isEmpty();
            assertThat(users("nickname in (null, 'x')")).hasSize(5);
        }

        @Test
        void between() {
            assertThat(users("age between 25 and 31")).containsExactly("users/1", "users/2");
            assertThat(users("name between 'b' and 'JOHN'")).containsExactly("users/1", "users/2", "users/3");
            assertThat(ids("from Users where score between $a and $b", "{'a': 7, 'b': 8}")).containsExactly("users/1", "users/4");
        }

        @Test
        void startsWithAndEndsWithIgnoreCase() {
            assertThat(users("startsWith(name, 'J')")).containsExactly("users/1", "users/2");
            assertThat(users("endsWith(name, 'E')")).containsExactly("users/2", "users/4");
            assertThat(users("startsWith(address.city, 'lon')")).containsExactly("users/1", "users/3");
            assertThat(users("endsWith(name, 'a long suffix')")).isEmpty();
            assertThat(users("startsWith(name, '')")).hasSize(5);
        }

        @Test
        void existsIsTrueForNullValuesAndEmptyArrays() {
            assertThat(users("exists(score)")).containsExactly("users/1", "users/2", "users/4");
            assertThat(users("exists(nickname)")).containsExactly("users/3");
            assertThat(users("exists(tags)")).containsExactly("users/1", "users/2", "users/3");
            assertThat(users("exists(address.city)")).containsExactly("users/1", "users/2", "users/3");
            assertThat(users("not exists(score)")).containsExactly("users/3", "users/5");
        }

        @Test
        void notAndOrFollowPrecedence() {
            assertThat(users("name = 'bob' or name = 'jane' and age > 30")).containsExactly("users/3");
            assertThat(users("(name = 'bob' or name = 'jane') and age < 30")).containsExactly("users/2");
            assertThat(users("not name = 'john' and exists(score)")).containsExactly("users/2", "users/4");
            assertThat(users("not (name = 'john' or exists(score))")).containsExactly("users/3", "users/5");
            assertThat(users("true and not age > 30")).containsExactly("users/2", "users/4", "users/5");
            assertThat(users("true")).hasSize(5);
        }

        @Test
        void nestedPathsAndArrays() {
            assertThat(users("address.city = 'LONDON'")).containsExactly("users/1", "users/3");
            assertThat(users("tags = 'DEV'")).containsExactly("users/1", "users/2");
            assertThat(users("tags all in ('dev', 'admin')")).containsExactly("users/1");
            assertThat(ids("from Users where tags all in ($p0)", "{'p0': ['dev']}")).containsExactly("users/1", "users/2");
            assertThat(ids("from Orders where lines[].product = 'gadget'")).containsExactly("orders/1");
            assertThat(ids("from Orders where lines.qty > 5")).containsExactly("orders/1");
            assertThat(ids("from Orders where lines.qty < 2")).containsExactly("orders/2");
        }

        @Test
        void aliasAndQuotedNames() {
            assertThat(ids("from Users as u where u.address.'city' = 'paris'")).containsExactly("users/2");
            assertThat(ids("from 'Users' where \"name\" = 'zed'")).containsExactly("users/5");
        }

        @Test
        void metadataPaths() {
            assertThat(ids("from @all_docs where @metadata.@collection = 'orders'")).containsExactly("orders/1", "orders/2");
            assertThat(ids("from Orders where '@metadata'.'@id' = 'ORDERS/2'")).containsExactly("orders/2");
        }

        @Test
        void idConditions() {
            assertThat(users("id() = 'USERS/2'")).containsExactly("users/2");
            assertThat(ids("from Users where id() in ($p0)", "{'p0': ['users/3', 'users/1', 'missing/1', 'orders/1', 'USERS/1']}"))
                    .as("etag order, no duplicates, only the collection").containsExactly("users/1", "users/3");
            assertThat(users("id() = 'users/1' and name = 'bob'")).isEmpty();
            assertThat(users("id() = 'users/1' or name = 'bob'")).containsExactly("users/1", "users/3");
            assertThat(ids("from @all_docs where id() in ('orders/2', 'items/3')")).containsExactly("orders/2", "items/3");
            assertThat(ids("from Items where startsWith(id(), 'items/2')")).containsExactly("items/2", "items/20", "items/21",
                    "items/22", "items/23", "items/24", "items/25");
            assertThat(users("endsWith(id(), '/5')")).containsExactly("users/5");
            assertThat(users("id() > 'users/3'")).containsExactly("users/4", "users/5");
        }
    }

    @Nested
    class Ordering {
        @Test
        void stringOrderIgnoresCaseAndPutsMissingFirst() {
            assertThat(ids("from Users order by name")).containsExactly("users/4", "users/3", "users/2", "users/1", "users/5");
            assertThat(ids("from Users order by address.city")).containsExactly("users/4", "users/5", "users/1", "users/3", "users/2");
            assertThat(ids("from Users order by address.city desc")).containsExactly("users/2", "users/1", "users/3", "users/4", "users/5");
        }

        @Test
        void numbersOrderAsTextUnlessOrderedAsLongOrDouble() {
            assertThat(ids("from Items where n < 12 order by n limit 4")).containsExactly("items/1", "items/10", "items/11", "items/2");
            assertThat(ids("from Items where n < 12 order by n as long limit 4")).containsExactly("items/1", "items/2", "items/3", "items/4");
        }

        @Test
        void longOrderReadsNumericStringsAndPutsMissingFirstAscendingLastDescending() {
            assertThat(ids("from Users order by age as long")).containsExactly("users/5", "users/2", "users/1", "users/3", "users/4");
            assertThat(ids("from Users order by age as long desc")).containsExactly("users/4", "users/3", "users/1", "users/2", "users/5");
        }

        @Test
        void doubleOrderKeepsEtagOrderForTies() {
            assertThat(ids("from Users order by score as double")).containsExactly("users/3", "users/5", "users/1", "users/4", "users/2");
            assertThat(ids("from Users order by score as double desc")).containsExactly("users/2", "users/1", "users/4", "users/3", "users/5");
        }

        @Test
        void alphaNumericOrder() {
            assertThat(ids("from Users where exists(code) order by code as alphaNumeric")).containsExactly("users/3", "users/2", "users/1");
            assertThat(ids("from Users where exists(code) order by code")).containsExactly("users/3", "users/1", "users/2");
        }

        @Test
        void severalKeys() {
            assertThat(ids("from Items where n <= 9 order by group as long desc, n as long desc"))
                    .containsExactly("items/8", "items/5", "items/2", "items/7", "items/4", "items/1", "items/9", "items/6", "items/3");
            assertThat(ids("from Items where n <= 9 order by group as long"))
                    .as("ties in etag order").containsExactly("items/3", "items/6", "items/9", "items/1", "items/4", "items/7", "items/2", "items/5", "items/8");
        }

        @Test
        void orderByIdAndByArrays() {
            assertThat(ids("from Orders order by id() desc")).containsExactly("orders/2", "orders/1");
            assertThat(ids("from Orders order by lines.product")).as("first element").containsExactly("orders/2", "orders/1");
        }
    }

    @Nested
    class Paging {
        @Test
        void withoutFilterTheScanStopsAtThePageAndTheTotalComesFromTheCounts() {
            QueryResult result = run("from Items limit 10, 3");

            assertThat(result.results()).extracting(StoredDocument::id).containsExactly("items/11", "items/12", "items/13");
            assertThat(result.totalResults()).isEqualTo(25);
            assertThat(result.skippedResults()).isZero();
            assertThat(result.indexName()).isEqualTo("collection/Items");
        }

        @Test
        void takeZeroStillCounts() {
            QueryResult result = run("from Items limit 0");

            assertThat(result.results()).isEmpty();
            assertThat(result.totalResults()).isEqualTo(25);
        }

        @Test
        void offsetPastTheEnd() {
            assertThat(run("from Items limit 30, 5").results()).isEmpty();
            assertThat(run("from Items where group = 1 limit 30, 5").totalResults()).isEqualTo(9);
            assertThat(run("from Items order by n as long limit 30, 5").results()).isEmpty();
        }

        @Test
        void filteredPageCountsEveryMatch() {
            QueryResult result = run("from Items where group = $g limit $p0, $p1", "{'g': 0, 'p0': 1, 'p1': 2}");

            assertThat(result.results()).extracting(StoredDocument::id).containsExactly("items/6", "items/9");
            assertThat(result.totalResults()).isEqualTo(8);
        }

        @Test
        void sortedPageKeepsOnlyTheBestMatchesAndCountsAll() {
            QueryResult result = run("from Items order by n as long desc limit 1, 2");

            assertThat(result.results()).extracting(StoredDocument::id).containsExactly("items/24", "items/23");
            assertThat(result.totalResults()).isEqualTo(25);
            assertThat(ids("from Items order by group as long limit 10 offset 6")).as("ties across trims stay in etag order")
                    .containsExactly("items/21", "items/24", "items/1", "items/4", "items/7", "items/10", "items/13", "items/16", "items/19", "items/22");
        }

        @Test
        void limitWithoutOffset() {
            assertThat(ids("from Users where exists(name) limit 2")).containsExactly("users/1", "users/2");
        }
    }

    @Nested
    class Collections {
        @Test
        void allDocsReadsEveryCollectionInEtagOrder() {
            QueryResult result = run("from @all_docs");

            assertThat(result.totalResults()).isEqualTo(32);
            assertThat(result.results()).extracting(StoredDocument::id).startsWith("users/1", "users/2").endsWith("items/25");
            assertThat(result.indexName()).isEqualTo("AllDocs");
            assertThat(run("from @all_docs where name = 'zed'").results()).extracting(StoredDocument::id).containsExactly("users/5");
        }

        @ParameterizedTest
        @CsvSource(quoteCharacter = '`', value = {"USERS,5", "users,5", "'orders',2", "Nothing,0"})
        void collectionNamesIgnoreCase(String collection, long count) {
            QueryResult unfiltered = run("from " + collection);
            QueryResult filtered = run("from " + collection + " where true and not id() = 'x'");

            assertThat(unfiltered.totalResults()).isEqualTo(count);
            assertThat(unfiltered.results()).hasSize((int) count);
            assertThat(filtered.totalResults()).isEqualTo(count);
            assertThat(unfiltered.indexName()).isEqualTo("collection/" + collection.replace("'", ""));
        }
    }

    @Nested
    class Scanning {
        CountingReadTxn scan(String rql) {
            CollectionQuery query = RqlParser.parse(rql, null);
            return storage.read((ReadTxn r) -> {
                CountingReadTxn counting = new CountingReadTxn(r);
                QueryExecutor.execute(counting, query);
                return counting;
            });
        }

        @Test
        void unfilteredQueryStopsAfterThePage() {
            assertThat(scan("from Items limit 2, 3").visited).isEqualTo(5);
            assertThat(scan("from Items where true limit 1").visited).isEqualTo(1);
            assertThat(scan("from Items limit 0").visited).isZero();
        }

        @Test
        void filteredOrSortedQueriesScanTheCollectionOnly() {
            assertThat(scan("from Items where n = 1 limit 1").visited).isEqualTo(25);
            assertThat(scan("from Items order by n limit 1").visited).isEqualTo(25);
        }

        @Test
        void idConditionsLoadInsteadOfScanning() {
            CountingReadTxn counting = scan("from Users where id() in ('users/1', 'users/3') and name != 'x'");

            assertThat(counting.visited).isZero();
            assertThat(counting.loadedById).isEqualTo(2);
        }
    }

    @Test
    void resultEtagChangesOnlyWhenAMatchChanges(@TempDir Path otherDir) {
        try (LmdbStorage own = LmdbStorage.open(StorageOptions.at(otherDir).withMapSize(1L << 30))) {
            own.write((WriteTxn w) -> {
                put(w, "users/1", "Users", "{'name': 'a'}");
                put(w, "users/2", "Users", "{'name': 'b'}");
                return null;
            });
            CollectionQuery query = RqlParser.parse("from Users where name = 'a'", null);
            CollectionQuery all = RqlParser.parse("from Users", null);
            long before = own.read((ReadTxn r) -> QueryExecutor.execute(r, query).resultEtag());
            long allBefore = own.read((ReadTxn r) -> QueryExecutor.execute(r, all).resultEtag());

            assertThat(own.read((ReadTxn r) -> QueryExecutor.execute(r, query).resultEtag())).as("stable").isEqualTo(before);
            own.write((WriteTxn w) -> w.put("users/2", document("Users", "{'name': 'c'}")));
            assertThat(own.read((ReadTxn r) -> QueryExecutor.execute(r, query).resultEtag())).as("non-match changed").isEqualTo(before);
            assertThat(own.read((ReadTxn r) -> QueryExecutor.execute(r, all).resultEtag())).as("unfiltered").isNotEqualTo(allBefore);

            own.write((WriteTxn w) -> w.put("users/1", document("Users", "{'name': 'a', 'x': 1}")));
            long afterUpdate = own.read((ReadTxn r) -> QueryExecutor.execute(r, query).resultEtag());
            assertThat(afterUpdate).as("match changed").isNotEqualTo(before);

            own.write((WriteTxn w) -> w.put("users/3", document("Users", "{'name': 'A'}")));
            long afterInsert = own.read((ReadTxn r) -> QueryExecutor.execute(r, query).resultEtag());
            assertThat(afterInsert).as("new match").isNotEqualTo(afterUpdate);

            own.write((WriteTxn w) -> w.delete("users/3"));
            assertThat(own.read((ReadTxn r) -> QueryExecutor.execute(r, query).resultEtag())).as("match deleted").isEqualTo(afterUpdate);
        }
    }
}
