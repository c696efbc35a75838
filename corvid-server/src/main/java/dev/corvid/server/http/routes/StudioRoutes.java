package dev.corvid.server.http.routes;

import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves Corvid Studio, the web UI, at {@code /studio}; {@code /} redirects there.
 *
 * <p>The files come from the class path under {@code studio/}, where the corvid-studio module's
 * build puts them. Hashed files under {@code assets/} are cached for a year, everything else is
 * revalidated. Any other path below {@code /studio} that is not a file is a page of the single-page
 * app and gets {@code index.html}. When the UI was not built, {@code /studio} answers with a short
 * HTML page that says how to build it; the rest of the server is unaffected.
 *
 * <p>Thread-safe: files are read once and kept in memory (the whole UI is a few hundred KiB).
 */
public final class StudioRoutes {
    static final String PATH = "/studio";
    private static final String INDEX = "index.html";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Everything the page loads comes from this server; CodeMirror sets inline styles. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader classLoader;
    private final String resourceRoot;
    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    public StudioRoutes() {
        this(StudioRoutes.class.getClassLoader(), "studio/");
    }

    /** For tests: files under {@code resourceRoot} of {@code classLoader}. */
    StudioRoutes(ClassLoader classLoader, String resourceRoot) {
        this.classLoader = classLoader;
        this.resourceRoot = resourceRoot;
    }

    public void register(Router router) {
        router.server("GET", "/", ex -> ex.redirect(PATH + "/"))
                .serverPrefix("GET", PATH, this::serve);
    }

    private void serve(Exchange ex) throws IOException {
        String relative = ex.path().substring(PATH.length()).replaceFirst("^/+", "");
        Optional<StaticFile> file = relative.isEmpty() || !isSafe(relative) ? Optional.empty() : file(relative);
        if (file.isEmpty() && relative.startsWith("assets/")) {
            ex.bytes(404, CONTENT_TYPES.get("txt"), ("Not found: " + ex.path() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (file.isEmpty()) { // a page of the app (or the app's root): the app routes it
            file = file(INDEX);
        }
        if (file.isEmpty()) {
            ex.setHeader("Cache-Control", "no-store");
            ex.bytes(503, CONTENT_TYPES.get("html"), notBuiltPage());
            return;
        }
        send(ex, file.get(), relative.startsWith("assets/") ? IMMUTABLE : "no-cache");
    }

    private static void send(Exchange ex, StaticFile file, String cacheControl) throws IOException {
        ex.setHeader("Cache-Control", cacheControl);
        ex.setHeader("ETag", file.etag());
        ex.setHeader("X-Content-Type-Options", "nosniff");
        if (file.contentType().startsWith("text/html")) {
            ex.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ex.setHeader("Referrer-Policy", "no-referrer");
        }
        if (ex.header("If-None-Match").filter(file.etag()::equals).isPresent()) {
            ex.empty(304);
            return;
        }
        ex.bytes(200, file.contentType(), file.content());
    }

    /** No way out of the studio folder, no hidden files, no odd separators. */
    static boolean isSafe(String relative) {
        if (relative.contains("\\") || relative.contains("\0")) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private Optional<StaticFile> file(String relative) {
        StaticFile cached = files.get(relative);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StaticFile> loaded = load(relative);
        loaded.ifPresent(f -> files.put(relative, f)); // misses are not cached: any path may be asked for
        return loaded;
    }

    private Optional<StaticFile> load(String relative) {
        URL url = classLoader.getResource(resourceRoot + relative);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = url.openConnection();
            if (isDirectory(url, connection)) {
                return Optional.empty();
            }
            byte[] content;
            try (InputStream in = connection.getInputStream()) {
                content = in.readAllBytes();
            }
            return Optional.of(new StaticFile(contentType(relative), content, etag(content)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Studio file " + relative, e);
        }
    }

    private static boolean isDirectory(URL url, URLConnection connection) throws IOException {
        if (connection instanceof JarURLConnection jar) {
            return jar.getJarEntry() == null || jar.getJarEntry().isDirectory();
        }
        if (url.getProtocol().equals("file")) {
            try {
                return !Files.isRegularFile(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                return true;
            }
        }
        return false;
    }

    static String contentType(String relative) {
        int dot = relative.lastIndexOf('.');
        String extension = dot < 0 ? "" : relative.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String etag(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] notBuiltPage() {
        String html = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Corvid Studio is not built</title></head>
                <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
                <h1>Corvid Studio is not built</h1>
                <p>This server works, but its build did not include the web UI, so there is nothing to show here.
                The UI is built by the <code>corvid-studio</code> module, which needs Node.js 20 or newer and npm
                (a build with <code>-Dstudio.skip=true</code> leaves it out).</p>
                <p>Build Corvid with the Studio, then restart the server:</p>
                <pre>mvn -B -DskipTests -pl corvid-cli -am install
                ./corvid server</pre>
                </body>
                </html>
                """;
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private record StaticFile(String contentType, byte[] content, String etag) {
    }
}
