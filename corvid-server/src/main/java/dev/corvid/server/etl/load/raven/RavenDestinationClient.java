package dev.corvid.server.etl.load.raven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corvid.server.etl.ConnectionString;
import dev.corvid.server.etl.load.PermanentLoadException;
import dev.corvid.server.etl.load.TransientLoadException;
import dev.corvid.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Talks to the destination database through any of its URLs. Requests go to the node that answered
 * last; on a network error, a timeout (408), too many requests (429) or any failure of the server
 * itself (5xx: out of memory, a full disk, a restart) the next URL is tried, then the URLs the
 * destination's own topology lists. Only when every URL failed does the load fail, transiently: the
 * batch is sent again after the back-off, as RavenDB does. Any other status (a 4xx: the request
 * itself is wrong, e.g. an unknown database) fails the load for good.
 */
final class RavenDestinationClient implements AutoCloseable {
    private final ConnectionString.Raven connectionString;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final Set<String> urls = new LinkedHashSet<>();
    private String preferred;

    RavenDestinationClient(ConnectionString.Raven connectionString, Duration requestTimeout) {
        this.connectionString = connectionString;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        urls.addAll(connectionString.topologyDiscoveryUrls());
    }

    /** Posts a batch to {@code /bulk_docs}; returns the URL of the node that took it. */
    String postBatch(byte[] body, String contentType) {
        List<String> failures = new ArrayList<>();
        for (String url : order()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/databases/" + encode(connectionString.database()) + "/bulk_docs"))
                    .timeout(requestTimeout)
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    preferred = url;
                    return url;
                }
                String message = errorMessage(response);
                if (status == 408 || status == 429 || status >= 500) {
                    failures.add(url + ": " + status + " " + message);
                    continue;
                }
                throw new PermanentLoadException("The destination " + url + " rejected the batch with " + status + ": " + message, null);
            } catch (IOException e) {
                failures.add(url + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientLoadException("Interrupted while loading to " + url, e);
            }
        }
        discoverTopology();
        throw new TransientLoadException("No destination URL accepted the batch for database '" + connectionString.database()
                + "': " + String.join("; ", failures), null);
    }

    private List<String> order() {
        List<String> ordered = new ArrayList<>();
        if (preferred != null) {
            ordered.add(preferred);
        }
        urls.stream().filter(u -> !u.equals(preferred)).forEach(ordered::add);
        return ordered;
    }

    /** Adds the node URLs the destination reports for its database, if any URL answers. */
    private void discoverTopology() {
        for (String url : List.copyOf(urls)) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/topology?name=" + encode(connectionString.database())))
                        .timeout(Duration.ofSeconds(5)).GET().build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    for (JsonNode node : Json.MAPPER.readTree(response.body()).path("Nodes")) {
                        String nodeUrl = node.path("Url").asText("");
                        if (!nodeUrl.isEmpty()) {
                            urls.add(nodeUrl.endsWith("/") ? nodeUrl.substring(0, nodeUrl.length() - 1) : nodeUrl);
                        }
                    }
                    return;
                }
            } catch (IOException e) {
                // try the next URL
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String errorMessage(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        try {
            JsonNode error = Json.MAPPER.readTree(body);
            if (error != null && error.hasNonNull("Message")) {
                return error.get("Message").asText();
            }
        } catch (IOException notJson) {
            // fall through
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
