package dev.corvid.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corvid.cli.Progress;
import dev.corvid.cli.demo.FirstRunWatch.FirstRun;
import dev.corvid.cli.demo.ShopDataGenerator.Counts;
import dev.corvid.server.CorvidServer;
import dev.corvid.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo's ETL from 'shop' to 'helpdesk' against a real Corvid server on loopback. */
class HelpdeskSetupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Counts SMALL_SHOP = new Counts(40, 12, 30, 200);

    private final ShopDataGenerator generator = new ShopDataGenerator(ShopDataGenerator.DEFAULT_SEED, SMALL_SHOP);
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringWriter progressOutput = new StringWriter();

    @Test
    void copiesEmployeesWithoutPrivateFieldsAndOrdersAsSummariesWithTheirLines(@TempDir Path dataDir) throws Exception {
        try (CorvidServer server = CorvidServer.start(ServerOptions.of("127.0.0.1", 0, dataDir))) {
            URI url = URI.create(server.url());
            DemoClient client = new DemoClient(url);
            seedShop(client);
            HelpdeskSetup setup = new HelpdeskSetup(client);

            assertThat(setup.ensureTask("shop", url)).isTrue();
            FirstRun run = awaitFirstRun(setup);

            assertThat(run).isInstanceOf(FirstRun.Completed.class);
            assertThat(run.scripts()).extracting(EtlScriptProgress::scriptErrors).containsOnly(0L);
            assertThat(progressOutput.toString()).contains("212/212 documents (100%)");
            assertThat(setup.destinationCounts())
                    .containsEntry("Employees", 12L)
                    .containsEntry("Orders", 200L)
                    .containsEntry("OrderLines", orderLineCount());

            for (JsonNode employee : documents(url, "helpdesk", "employees/")) {
                assertThat(employee.properties()).extracting(Map.Entry::getKey)
                        .containsExactlyInAnyOrder("FirstName", "LastName", "Title", "HiredAt", "@metadata");
            }
            Shop.Employee firstEmployee = generator.employee(1);
            JsonNode copied = document(url, "helpdesk", "employees/1-A");
            assertThat(copied.get("LastName").asText()).isEqualTo(firstEmployee.lastName());
            assertThat(copied.get("Title").asText()).isEqualTo(firstEmployee.title());

            // The lines of orders/102-A add up to exactly 780.495: 780.50 when rounded like money, but
            // 780.49 when added up in binary floating point and then rounded.
            Shop.Order order = generator.order(102);
            assertThat(exactTotal(order)).isEqualByComparingTo("780.495");
            JsonNode summary = document(url, "helpdesk", order.id());
            assertThat(summary.get("Company").asText()).isEqualTo(generator.company(number(order.company())).name());
            assertThat(summary.get("OrderedAt").asText()).isEqualTo(order.orderedAt());
            assertThat(summary.get("Total").decimalValue()).isEqualByComparingTo("780.50");
            assertThat(summary.get("LineCount").asInt()).isEqualTo(order.lines().size());
            assertThat(summary.get("ShipToCity").asText()).isEqualTo(order.shipTo().city());
            assertThat(summary.get("ShipToCountry").asText()).isEqualTo(order.shipTo().country());
            assertThat(summary.has("Lines")).isFalse();
            assertThat(documents(url, "helpdesk", order.id() + "/OrderLines/"))
                    .extracting(line -> line.get("Order").asText() + " | " + line.get("Product").asText() + " | "
                            + line.get("Quantity").asInt() + " | " + line.get("LineTotal").decimalValue().toPlainString())
                    .containsExactlyInAnyOrderElementsOf(order.lines().stream()
                            .map(line -> order.id() + " | " + line.productName() + " | " + line.quantity() + " | "
                                    + lineTotal(line).toPlainString())
                            .toList());

            Map<String, BigDecimal> copiedTotals = copiedTotals(url);
            assertThat(copiedTotals).hasSize(SMALL_SHOP.orders());
            assertThat(IntStream.rangeClosed(1, SMALL_SHOP.orders()).mapToObj(generator::order)).allSatisfy(expected ->
                    assertThat(copiedTotals.get(expected.id())).as("Total of %s", expected.id())
                            .isEqualByComparingTo(total(expected)));
        }
    }

    @Test
    void runningTheSetupAgainKeepsTheOneTaskAndTheCopyStaysLive(@TempDir Path dataDir) throws Exception {
        try (CorvidServer server = CorvidServer.start(ServerOptions.of("127.0.0.1", 0, dataDir))) {
            URI url = URI.create(server.url());
            DemoClient client = new DemoClient(url);
            seedShop(client);
            HelpdeskSetup setup = new HelpdeskSetup(client);
            assertThat(setup.ensureTask("shop", url)).isTrue();
            assertThat(awaitFirstRun(setup)).isInstanceOf(FirstRun.Completed.class);

            assertThat(setup.ensureTask("shop", url)).isFalse();
            assertThat(client.ongoingTaskNames("shop")).containsExactly(HelpdeskEtl.TASK_NAME);
        }

        // Like running the demo again: a new server, on another port, which the connection string must follow.
        try (CorvidServer restarted = CorvidServer.start(ServerOptions.of("127.0.0.1", 0, dataDir))) {
            URI url = URI.create(restarted.url());
            DemoClient client = new DemoClient(url);
            HelpdeskSetup setup = new HelpdeskSetup(client);

            assertThat(setup.ensureTask("shop", url)).isFalse();
            assertThat(client.ongoingTaskNames("shop")).containsExactly(HelpdeskEtl.TASK_NAME);
            assertThat(awaitFirstRun(setup)).isInstanceOf(FirstRun.Completed.class);

            Shop.Employee employee = generator.employee(1);
            Shop.Employee renamed = new Shop.Employee(employee.id(), employee.firstName(), "Renamed", employee.title(),
                    employee.salary(), employee.homeAddress(), employee.hiredAt(), employee.notes());
            client.putDocuments("shop", List.of(DemoDocument.of(renamed.id(), Shop.EMPLOYEES, renamed)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(document(url, "helpdesk", renamed.id()).get("LastName").asText()).isEqualTo("Renamed"));
            assertThat(document(url, "helpdesk", renamed.id()).has("Salary")).isFalse();
        }
    }

    private void seedShop(DemoClient client) {
        ShopSeeder seeder = new ShopSeeder(client);
        assertThat(seeder.existingDocuments("shop")).isZero();
        seeder.load("shop", generator.documents(), quietProgress("Loading shop", SMALL_SHOP.totalDocuments()));
    }

    /** Waits as the demo does: polling, and giving up after five minutes without progress. */
    private FirstRun awaitFirstRun(HelpdeskSetup setup) throws InterruptedException {
        long documents = setup.progress("shop").stream().mapToLong(EtlScriptProgress::totalDocuments).sum();
        Progress progress = quietProgress("Copying shop to helpdesk", documents);
        FirstRun run = setup.awaitFirstRun("shop", progress);
        progress.finish();
        return run;
    }

    private Progress quietProgress(String label, long total) {
        return new Progress(label, total, "documents", new PrintWriter(progressOutput), false, InstantSource.system());
    }

    private long orderLineCount() {
        return IntStream.rangeClosed(1, SMALL_SHOP.orders()).mapToLong(number -> generator.order(number).lines().size()).sum();
    }

    private Map<String, BigDecimal> copiedTotals(URI url) throws IOException, InterruptedException {
        Map<String, BigDecimal> totals = new HashMap<>();
        for (JsonNode document : documents(url, "helpdesk", "orders/")) {
            JsonNode metadata = document.get("@metadata");
            if (metadata.get("@collection").asText().equals(Shop.ORDERS)) {
                totals.put(metadata.get("@id").asText(), document.get("Total").decimalValue().setScale(2, RoundingMode.UNNECESSARY));
            }
        }
        return totals;
    }

    private static BigDecimal exactTotal(Shop.Order order) {
        return order.lines().stream().map(HelpdeskSetupIT::exactLineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal total(Shop.Order order) {
        return exactTotal(order).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal exactLineTotal(Shop.OrderLine line) {
        return line.pricePerUnit().multiply(BigDecimal.valueOf(line.quantity())).multiply(BigDecimal.ONE.subtract(line.discount()));
    }

    private static BigDecimal lineTotal(Shop.OrderLine line) {
        return exactLineTotal(line).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(id.indexOf('/') + 1, id.indexOf('-')));
    }

    private JsonNode document(URI url, String database, String id) throws IOException, InterruptedException {
        JsonNode results = get(url, "/databases/" + database + "/docs?id=" + encode(id)).get("Results");
        assertThat(results).as("document %s in %s", id, database).hasSize(1);
        return results.get(0);
    }

    private List<JsonNode> documents(URI url, String database, String idPrefix) throws IOException, InterruptedException {
        List<JsonNode> documents = new ArrayList<>();
        get(url, "/databases/" + database + "/docs?startsWith=" + encode(idPrefix) + "&pageSize=10000")
                .get("Results").forEach(documents::add);
        assertThat(documents).as("documents starting with %s in %s", idPrefix, database).isNotEmpty();
        return documents;
    }

    private JsonNode get(URI url, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
