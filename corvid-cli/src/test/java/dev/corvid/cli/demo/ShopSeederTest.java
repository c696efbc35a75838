package dev.corvid.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.corvid.cli.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShopSeederTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeRavenServer server = new FakeRavenServer();
    private final ShopSeeder seeder = new ShopSeeder(new DemoClient(server.url()));
    private final StringWriter progressOutput = new StringWriter();
    private final Progress progress = new Progress("Loading shop", 1234, "documents", new PrintWriter(progressOutput),
            false, () -> Instant.EPOCH);

    ShopSeederTest() throws IOException {
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aNewDatabaseHoldsNoDocumentsWithoutAsking() {
        server.on("PUT", "/admin/databases", 201, "{}");

        assertThat(seeder.existingDocuments("shop")).isZero();
        assertThat(server.requests()).extracting(FakeRavenServer.Request::method).containsExactly("PUT");
    }

    @Test
    void anExistingDatabaseIsCounted() {
        server.on("PUT", "/admin/databases", 409, "{}")
                .on("GET", "/databases/shop/stats", 200, "{\"CountOfDocuments\":17}");

        assertThat(seeder.existingDocuments("shop")).isEqualTo(17);
    }

    @Test
    void loadsInBatchesOfFiveHundredAndReportsEachOne() {
        server.on("POST", "/databases/shop/bulk_docs",
                request -> new FakeRavenServer.Response(201, DemoClientTest.results(commandCount(request))));

        seeder.load("shop", documents(1234), progress);
        progress.finish();

        assertThat(server.requests()).extracting(ShopSeederTest::commandCount).containsExactly(500, 500, 234);
        assertThat(progressOutput.toString()).isEqualTo("Loading shop: 1,234/1,234 documents (100%) in 0.0 s\n");
    }

    @Test
    void stopsAtTheFirstRejectedBatch() {
        server.on("POST", "/databases/shop/bulk_docs", 500, "{\"Message\":\"storage full\"}");

        assertThatThrownBy(() -> seeder.load("shop", documents(1234), progress))
                .isInstanceOf(DemoClientException.class)
                .hasMessageContaining("storage full");
        assertThat(server.requests()).hasSize(1);
    }

    private static Stream<DemoDocument> documents(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(number -> DemoDocument.of("things/" + number + "-A", "Things", Map.of("Number", number)));
    }

    private static int commandCount(FakeRavenServer.Request request) {
        try {
            return JSON.readTree(request.body()).get("Commands").size();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + request.body(), e);
        }
    }
}
