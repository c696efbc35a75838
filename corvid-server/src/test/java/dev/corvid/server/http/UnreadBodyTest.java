package dev.corvid.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.server.CorvidException;
import dev.corvid.server.documents.DatabaseRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler that answers before reading the request's body (an error found in the URL, an unknown
 * route) must still leave the connection fit for the client's next request: a client that reuses
 * it must never find it closed under its next request.
 */
class UnreadBodyTest {
    @TempDir
    Path dataDir;

    private DatabaseRegistry registry;
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() {
        registry = new DatabaseRegistry(dataDir, Clock.systemUTC());
        Router router = new Router(registry)
                .server("POST", "/refuses", exchange -> {
                    throw CorvidException.badRequest("refused before reading the body");
                })
                .server("POST", "/ignores", exchange -> exchange.empty(204));
        server = new HttpServer("127.0.0.1", 0, router);
        server.start();
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void aResponseSentBeforeTheBodyWasReadLeavesTheConnectionUsable() throws Exception {
        HttpClient http = HttpClient.newHttpClient(); // one client: its connections are reused
        String body = "{\"padding\": \"" + "x".repeat(200_000) + "\"}";
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (String path : List.of("/refuses", "/ignores", "/no/such/route")) {
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + path))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).isIn(204, 400);
                    // a POST: the client retries a GET on a dead connection by itself, but not a POST
                    HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(url + "/ignores"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(next.statusCode()).isEqualTo(204);
                } catch (java.io.IOException e) {
                    failures.add(path + " then another request: " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aLargeUnreadBodyClosesTheConnectionAndSaysSo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "x".repeat(6 << 20);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url + "/refuses"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Connection")).hasValue("close");
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(url + "/ignores"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(204);
        }
    }
}
