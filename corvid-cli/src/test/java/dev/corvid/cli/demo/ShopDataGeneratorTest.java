package dev.corvid.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.cli.demo.ShopDataGenerator.Counts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShopDataGeneratorTest {
    private static final String RAVEN_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z";
    private static final Counts SMALL = new Counts(40, 8, 30, 300);

    private final List<DemoDocument> standardShop =
            new ShopDataGenerator(ShopDataGenerator.DEFAULT_SEED, Counts.forScale(1)).documents().toList();
    private final Map<String, ObjectNode> byId = standardShop.stream()
            .collect(Collectors.toMap(DemoDocument::id, DemoDocument::body));

    @Test
    void theSameSeedGivesTheSameDocuments() {
        List<DemoDocument> first = new ShopDataGenerator(42, SMALL).documents().toList();
        List<DemoDocument> second = new ShopDataGenerator(42, SMALL).documents().toList();
        List<DemoDocument> otherSeed = new ShopDataGenerator(43, SMALL).documents().toList();

        assertThat(first).isEqualTo(second);
        assertThat(first).hasSameSizeAs(otherSeed).isNotEqualTo(otherSeed);
    }

    @Test
    void entitiesDoNotDependOnTheOrderTheyAreAskedFor() {
        ShopDataGenerator generator = new ShopDataGenerator(42, SMALL);
        Shop.Order lastFirst = generator.order(300);
        generator.documents().forEach(document -> { });

        assertThat(new ShopDataGenerator(42, SMALL).order(300)).isEqualTo(lastFirst);
    }

    @Test
    void theStandardShopHasTheDocumentedCounts() {
        assertThat(Counts.forScale(1)).isEqualTo(new Counts(800, 60, 400, 5_000));
        assertThat(Counts.forScale(3)).isEqualTo(new Counts(2_400, 180, 1_200, 15_000));
        assertThat(Counts.forScale(1).totalDocuments()).isEqualTo(6_264);

        Map<String, Long> perCollection = standardShop.stream()
                .collect(Collectors.groupingBy(DemoDocument::collection, Collectors.counting()));
        assertThat(perCollection).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Companies", 800L, "Employees", 60L, "Products", 400L, "Orders", 5_000L, "@hilo", 4L));
        assertThat(byId).hasSize(standardShop.size());
    }

    @Test
    void idsAreNumberedFromOneWithTheNodeTag() {
        assertThat(standardShop).extracting(DemoDocument::id)
                .contains("companies/1-A", "companies/800-A", "employees/60-A", "products/400-A",
                        "orders/1-A", "orders/5000-A")
                .doesNotContain("companies/0-A", "companies/801-A", "orders/5001-A");
    }

    @Test
    void ordersReferOnlyToDocumentsOfTheShop() {
        List<ObjectNode> orders = collection("Orders");
        Set<String> companiesOrdering = orders.stream().map(order -> order.get("Company").asText()).collect(Collectors.toSet());

        for (ObjectNode order : orders) {
            assertThat(collectionOf(order.get("Company").asText())).isEqualTo("Companies");
            assertThat(collectionOf(order.get("Employee").asText())).isEqualTo("Employees");
            assertThat(order.get("ShipTo")).isEqualTo(byId.get(order.get("Company").asText()).get("Address"));
            for (JsonNode line : order.get("Lines")) {
                ObjectNode product = byId.get(line.get("Product").asText());
                assertThat(collectionOf(line.get("Product").asText())).isEqualTo("Products");
                assertThat(line.get("ProductName")).isEqualTo(product.get("Name"));
                assertThat(line.get("PricePerUnit")).isEqualTo(product.get("PricePerUnit"));
            }
        }
        assertThat(companiesOrdering).as("many different customers order").hasSizeGreaterThan(300);
    }

    @Test
    void ordersHaveOneToFiveLinesOfDistinctProducts() {
        for (ObjectNode order : collection("Orders")) {
            JsonNode lines = order.get("Lines");
            Set<String> products = stream(lines).map(line -> line.get("Product").asText()).collect(Collectors.toSet());
            assertThat(lines.size()).isBetween(1, 5);
            assertThat(products).hasSize(lines.size());
            for (JsonNode line : lines) {
                assertThat(line.get("Quantity").asInt()).isBetween(1, 40);
                assertThat(line.get("Discount").decimalValue()).isBetween(BigDecimal.ZERO, new BigDecimal("0.25"));
            }
        }
    }

    @Test
    void documentsHaveTheDocumentedJsonShape() {
        assertShape(byId.get("companies/1-A"), "Companies", Map.of(
                "Name", JsonNode::isTextual, "Contact", JsonNode::isObject, "Address", JsonNode::isObject,
                "Phone", JsonNode::isTextual));
        assertThat(byId.get("companies/1-A").get("Contact").fieldNames()).toIterable().containsExactly("Name", "Title");
        assertShape(byId.get("employees/1-A"), "Employees", Map.of(
                "FirstName", JsonNode::isTextual, "LastName", JsonNode::isTextual, "Title", JsonNode::isTextual,
                "Salary", JsonNode::isNumber, "HomeAddress", JsonNode::isObject,
                "HiredAt", node -> node.asText().matches(RAVEN_DATE), "Notes", JsonNode::isTextual));
        assertThat(byId.get("employees/1-A").get("Title").asText()).isEqualTo("Vice President, Sales");
        assertShape(byId.get("products/1-A"), "Products", Map.of(
                "Name", JsonNode::isTextual, "Supplier", JsonNode::isTextual, "Category", JsonNode::isTextual,
                "PricePerUnit", JsonNode::isNumber, "UnitsInStock", JsonNode::isInt));
        assertShape(byId.get("orders/1-A"), "Orders", Map.of(
                "Company", JsonNode::isTextual, "Employee", JsonNode::isTextual,
                "OrderedAt", node -> node.asText().matches(RAVEN_DATE), "ShipTo", JsonNode::isObject,
                "Lines", JsonNode::isArray, "Freight", JsonNode::isNumber));
        assertThat(byId.get("orders/1-A").get("Lines").get(0).fieldNames()).toIterable()
                .containsExactly("Product", "ProductName", "PricePerUnit", "Quantity", "Discount");
        assertThat(byId.get("orders/1-A").get("ShipTo").fieldNames()).toIterable()
                .containsExactly("Line1", "City", "PostalCode", "Country");
    }

    @Test
    void moneyIsWrittenAsPlainDecimalNumbers() throws Exception {
        String json = new ObjectMapper().writeValueAsString(byId.get("orders/1-A"));

        assertThat(json).doesNotContainPattern("\\d[eE][+-]?\\d");
        assertThat(new ObjectMapper().readTree(json).toString()).isEqualTo(json);
        assertThat(byId.get("products/1-A").get("PricePerUnit").decimalValue().scale()).isLessThanOrEqualTo(2);
    }

    @Test
    void hiloDocumentsHoldTheHighestNumberOfEachCollection() {
        assertThat(byId.get("Raven/Hilo/companies").get("Max").asInt()).isEqualTo(800);
        assertThat(byId.get("Raven/Hilo/employees").get("Max").asInt()).isEqualTo(60);
        assertThat(byId.get("Raven/Hilo/products").get("Max").asInt()).isEqualTo(400);
        assertThat(byId.get("Raven/Hilo/orders").get("Max").asInt()).isEqualTo(5_000);
        assertThat(byId.get("Raven/Hilo/orders").at("/@metadata/@collection").asText()).isEqualTo("@hilo");
    }

    @Test
    void ordersAreSpreadOverTheSalesPeriodInNumberOrder() {
        assertThat(byId.get("orders/1-A").get("OrderedAt").asText()).startsWith("2023-01-02T");
        assertThat(byId.get("orders/5000-A").get("OrderedAt").asText()).startsWith("2025-12-2");
        assertThat(byId.get("orders/2500-A").get("OrderedAt").asText()).startsWith("2024-");
    }

    @Test
    void rejectsCountsBelowOne() {
        assertThatThrownBy(() -> Counts.forScale(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Counts(1, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShopDataGenerator(1, SMALL).order(301))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numbered 1 to 300");
    }

    private void assertShape(ObjectNode document, String collection, Map<String, Function<JsonNode, Boolean>> fields) {
        assertThat(document.at("/@metadata/@collection").asText()).isEqualTo(collection);
        assertThat(document.has("Id")).as("the id is not part of the body").isFalse();
        fields.forEach((name, check) -> assertThat(check.apply(document.path(name)))
                .as("%s in %s", name, document).isTrue());
    }

    private List<ObjectNode> collection(String name) {
        return standardShop.stream().filter(document -> document.collection().equals(name)).map(DemoDocument::body).toList();
    }

    private String collectionOf(String id) {
        ObjectNode document = byId.get(id);
        assertThat(document).as("document %s", id).isNotNull();
        return document.at("/@metadata/@collection").asText();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
