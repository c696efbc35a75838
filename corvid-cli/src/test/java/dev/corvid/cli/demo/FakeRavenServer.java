package dev.corvid.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on loopback that answers the requests a test scripts, and records every request.
 * Unscripted requests get 404.
 */
final class FakeRavenServer implements AutoCloseable {
    record Request(String method, String pathAndQuery, String body) {
    }

    record Response(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Response>> routes = new HashMap<>();

    FakeRavenServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code method path} (the path without its query) with what {@code answer} returns. */
    FakeRavenServer on(String method, String path, Function<Request, Response> answer) {
        synchronized (routes) {
            routes.put(method + " " + path, answer);
        }
        return this;
    }

    FakeRavenServer on(String method, String path, int status, String body) {
        return on(method, path, request -> new Response(status, body));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        Request request = new Request(exchange.getRequestMethod(),
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), body);
        requests.add(request);
        Function<Request, Response> answer;
        synchronized (routes) {
            answer = routes.getOrDefault(request.method() + " " + uri.getRawPath(), ignored -> new Response(404, ""));
        }
        Response response = answer.apply(request);
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
