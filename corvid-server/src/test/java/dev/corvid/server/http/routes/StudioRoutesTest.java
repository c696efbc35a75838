package dev.corvid.server.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corvid.server.documents.DatabaseRegistry;
import dev.corvid.server.http.HttpServer;
import dev.corvid.server.http.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Studio's static files over real HTTP, from a small fake build under test-studio/. */
class StudioRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private DatabaseRegistry registry;
    private HttpServer server;

    private String start(String resourceRoot) {
        registry = new DatabaseRegistry(dataDir, Clock.systemUTC());
        Router router = new Router(registry);
        new StudioRoutes(StudioRoutesTest.class.getClassLoader(), resourceRoot).register(router);
        server = new HttpServer("127.0.0.1", 0, router);
        server.start();
        return "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rootRedirectsToTheStudio() throws Exception {
        String url = start("test-studio/");
        HttpResponse<String> response = get(url + "/");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("/studio/");
    }

    @Test
    void servesIndexWithRevalidationAndAPolicyThatKeepsThePageOffline() throws Exception {
        String url = start("test-studio/");
        for (String path : new String[] {"/studio", "/studio/", "/studio/index.html"}) {
            HttpResponse<String> response = get(url + path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).contains("Studio test page");
            assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'");
        }
    }

    @Test
    void hashedAssetsHaveTheirContentTypeAndAreCachedForAYear() throws Exception {
        String url = start("test-studio/");
        HttpResponse<String> js = get(url + "/studio/assets/app-1a2b3c.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("studio test asset");
        assertThat(js.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        HttpResponse<String> css = get(url + "/studio/assets/app-1a2b3c.css");
        assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    }

    @Test
    void answersNotModifiedForAKnownEtag() throws Exception {
        String url = start("test-studio/");
        String etag = get(url + "/studio/assets/app-1a2b3c.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get(url + "/studio/assets/app-1a2b3c.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void pagesOfTheAppFallBackToIndexButMissingAssetsAre404() throws Exception {
        String url = start("test-studio/");
        HttpResponse<String> page = get(url + "/studio/databases/shop.v2/settings/ongoing-tasks");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Studio test page");
        assertThat(get(url + "/studio/assets").body()).contains("Studio test page").as("a folder is not a file");
        HttpResponse<String> missing = get(url + "/studio/assets/gone-123.js");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void neverLeavesTheStudioFolder() throws Exception {
        String url = start("test-studio/");
        for (String path : new String[] {"/studio/../logback-test.xml", "/studio/%2e%2e/%2e%2e/etc/passwd",
                "/studio/.hidden", "/studio/assets/..%2f..%2findex.html"}) {
            HttpResponse<String> response = get(url + path);
            assertThat(response.body()).as(path).doesNotContain("root:").doesNotContain("<configuration");
        }
        assertThat(StudioRoutes.isSafe("assets/a.js")).isTrue();
        assertThat(StudioRoutes.isSafe("../a.js")).isFalse();
        assertThat(StudioRoutes.isSafe("assets//a.js")).isFalse();
        assertThat(StudioRoutes.isSafe("assets\\a.js")).isFalse();
    }

    @Test
    void withoutABuiltUiTheStudioSaysHowToBuildIt() throws Exception {
        String url = start("no-studio-here/");
        HttpResponse<String> response = get(url + "/studio/");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(response.body()).contains("Corvid Studio is not built").contains("Node.js").contains("mvn");
    }
}
