package dev.corvid.server.etl.load.raven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.load.PermanentLoadException;
import dev.corvid.server.etl.load.TransientLoadException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@link RavenDestinationClient} takes the destination's answers, against a fake destination on loopback. */
class RavenDestinationClientTest {
    private HttpServer destination;
    private volatile int status;
    private RavenDestinationClient client;

    @BeforeEach
    void start() throws IOException {
        destination = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        destination.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = (exchange.getRequestURI().getPath().endsWith("/bulk_docs") && status == 200 ? "{\"Results\":[]}"
                    : "{\"Type\":\"Error\",\"Message\":\"status " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            int answer = exchange.getRequestURI().getPath().endsWith("/bulk_docs") ? status : 404;
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        destination.start();
        String url = "http://127.0.0.1:" + destination.getAddress().getPort();
        client = new RavenDestinationClient(new ConnectionString.Raven("dest", "target", List.of(url)), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        client.close();
        destination.stop(0);
    }

    @Test
    void aFailureOfTheDestinationServerIsRetriedLaterButAWrongRequestIsNot() {
        byte[] batch = "{\"Commands\":[]}".getBytes(StandardCharsets.UTF_8);
        for (int serverFailure : new int[] {500, 503, 507, 408, 429}) {
            status = serverFailure;
            assertThatThrownBy(() -> client.postBatch(batch, "application/json")).as("status " + serverFailure)
                    .isInstanceOf(TransientLoadException.class).hasMessageContaining("status " + serverFailure);
        }
        status = 400;
        assertThatThrownBy(() -> client.postBatch(batch, "application/json"))
                .isInstanceOf(PermanentLoadException.class).hasMessageContaining("rejected the batch with 400: status 400");

        status = 200;
        assertThat(client.postBatch(batch, "application/json")).endsWith(":" + destination.getAddress().getPort());
    }
}
