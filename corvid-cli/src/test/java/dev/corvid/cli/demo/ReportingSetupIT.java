package dev.corvid.cli.demo;

import dev.corvid.cli.Progress;
import dev.corvid.cli.demo.FirstRunWatch.FirstRun;
import dev.corvid.cli.demo.ReportingSetup.CompanyRevenue;
import dev.corvid.cli.demo.ShopDataGenerator.Counts;
import dev.corvid.server.CorvidServer;
import dev.corvid.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo's SQL ETL from 'shop' into an SQLite file, against a real Corvid server on loopback. */
class ReportingSetupIT {
    private static final Counts SMALL_SHOP = new Counts(40, 12, 30, 200);

    private final ShopDataGenerator generator = new ShopDataGenerator(ShopDataGenerator.DEFAULT_SEED, SMALL_SHOP);
    private final StringWriter progressOutput = new StringWriter();

    @Test
    void writesEachOrderAsRowsAndTheReportAddsThemUp(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve(ReportingEtl.FILE_NAME);
        try (CorvidServer server = CorvidServer.start(ServerOptions.of("127.0.0.1", 0, dataDir))) {
            DemoClient client = new DemoClient(URI.create(server.url()));
            seedShop(client);
            ReportingSetup reporting = new ReportingSetup(client, file);

            assertThat(reporting.ensureTask("shop")).isTrue();
            FirstRun run = awaitFirstRun(reporting);

            assertThat(run).isInstanceOf(FirstRun.Completed.class);
            assertThat(run.scripts()).extracting(EtlScriptProgress::scriptErrors).containsOnly(0L);
            assertThat(reporting.rowCounts()).containsExactly((long) SMALL_SHOP.orders(), orderLineCount());

            Shop.Order order = generator.order(7);
            assertThat(rows(file, "SELECT Id, Company, CompanyName, OrderedAt FROM Orders WHERE Id = '" + order.id() + "'"))
                    .containsExactly(order.id() + " | " + order.company() + " | "
                            + generator.company(number(order.company())).name() + " | " + order.orderedAt());
            assertThat(rows(file, "SELECT Product, Quantity, printf('%.2f', LineTotal) FROM OrderLines WHERE OrderId = '" + order.id() + "'"))
                    .containsExactlyInAnyOrderElementsOf(order.lines().stream()
                            .map(line -> line.product() + " | " + line.quantity() + " | " + lineTotal(line).setScale(2, RoundingMode.UNNECESSARY).toPlainString())
                            .toList());

            assertThat(reporting.revenueByCompany(5)).containsExactlyElementsOf(expectedReport(5));
        }
    }

    @Test
    void aChangedOrderIsRewrittenInBothTablesAndTheSetupCanRunAgain(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve(ReportingEtl.FILE_NAME);
        try (CorvidServer server = CorvidServer.start(ServerOptions.of("127.0.0.1", 0, dataDir))) {
            DemoClient client = new DemoClient(URI.create(server.url()));
            seedShop(client);
            ReportingSetup reporting = new ReportingSetup(client, file);
            assertThat(reporting.ensureTask("shop")).isTrue();
            assertThat(awaitFirstRun(reporting)).isInstanceOf(FirstRun.Completed.class);

            Shop.Order order = generator.order(3);
            Shop.Order oneLine = new Shop.Order(order.id(), order.company(), order.employee(), order.orderedAt(),
                    order.shipTo(), List.of(order.lines().getFirst()), order.freight());
            client.putDocuments("shop", List.of(DemoDocument.of(oneLine.id(), Shop.ORDERS, oneLine)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    rows(file, "SELECT COUNT(*) FROM OrderLines WHERE OrderId = '" + order.id() + "'")).containsExactly("1"));
            assertThat(rows(file, "SELECT COUNT(*) FROM Orders WHERE Id = '" + order.id() + "'")).containsExactly("1");
            assertThat(reporting.rowCounts())
                    .containsExactly((long) SMALL_SHOP.orders(), orderLineCount() - order.lines().size() + 1);

            assertThat(reporting.ensureTask("shop")).isFalse();
            assertThat(client.ongoingTaskNames("shop")).containsExactly(ReportingEtl.TASK_NAME);
        }
    }

    private void seedShop(DemoClient client) {
        ShopSeeder seeder = new ShopSeeder(client);
        assertThat(seeder.existingDocuments("shop")).isZero(); // creates the database
        seeder.load("shop", generator.documents(), quietProgress(SMALL_SHOP.totalDocuments()));
    }

    private FirstRun awaitFirstRun(ReportingSetup reporting) throws InterruptedException {
        long documents = reporting.progress("shop").stream().mapToLong(EtlScriptProgress::totalDocuments).sum();
        Progress progress = quietProgress(documents);
        FirstRun run = reporting.awaitFirstRun("shop", progress);
        progress.finish();
        return run;
    }

    private Progress quietProgress(long total) {
        return new Progress("test", total, "documents", new PrintWriter(progressOutput), false, InstantSource.system());
    }

    private long orderLineCount() {
        return IntStream.rangeClosed(1, SMALL_SHOP.orders()).mapToLong(number -> generator.order(number).lines().size()).sum();
    }

    /** The report computed from the generated orders in exact decimals, each line rounded to cents as the script does. */
    private List<CompanyRevenue> expectedReport(int limit) {
        Map<String, List<Shop.Order>> byCompany = new HashMap<>();
        IntStream.rangeClosed(1, SMALL_SHOP.orders()).mapToObj(generator::order)
                .forEach(order -> byCompany.computeIfAbsent(order.company(), company -> new ArrayList<>()).add(order));
        List<CompanyRevenue> report = new ArrayList<>();
        byCompany.forEach((company, orders) -> report.add(new CompanyRevenue(generator.company(number(company)).name(),
                orders.size(),
                orders.stream().flatMap(order -> order.lines().stream()).mapToLong(Shop.OrderLine::quantity).sum(),
                orders.stream().flatMap(order -> order.lines().stream()).map(ReportingSetupIT::lineTotal)
                        .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY))));
        report.sort(Comparator.comparing(CompanyRevenue::revenue).reversed().thenComparing(CompanyRevenue::company));
        return report.subList(0, limit);
    }

    private static BigDecimal lineTotal(Shop.OrderLine line) {
        return line.pricePerUnit().multiply(BigDecimal.valueOf(line.quantity()))
                .multiply(BigDecimal.ONE.subtract(line.discount()))
                .setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(id.indexOf('/') + 1, id.indexOf('-')));
    }

    private static List<String> rows(Path file, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" | ", values));
            }
        }
        return rows;
    }
}
