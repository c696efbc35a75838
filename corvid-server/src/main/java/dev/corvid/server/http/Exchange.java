package dev.corvid.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP request and its response, with the few helpers every handler needs: parameters, bounded
 * bodies, and JSON writing. Used by one thread.
 */
public final class Exchange {
    /** Largest JSON body accepted outside the streaming endpoints. */
    static final long MAX_JSON_BODY = 64L << 20;
    /** Largest single attachment upload. */
    static final long MAX_ATTACHMENT_BODY = 512L << 20;
    /** Most of a body a handler left unread that is read and dropped so that the connection stays open. */
    private static final long MAX_DRAINED_BODY = 4L << 20;

    private final Request request;
    private final Response response;
    private final String path;
    private Fields parameters;
    private boolean responded;

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        this.path = request.getHttpURI().getDecodedPath();
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return path;
    }

    /** The path and query as sent, for error messages. */
    public String url() {
        return request.getHttpURI().getPathQuery();
    }

    private Fields parameters() {
        if (parameters == null) {
            try {
                parameters = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                throw CorvidException.badRequest("The query string is malformed: " + e.getMessage());
            }
        }
        return parameters;
    }

    /** The first value of a query parameter, if present. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(parameters().getValue(name));
    }

    public String requiredParam(String name) {
        return param(name).filter(v -> !v.isEmpty()).orElseThrow(() ->
                CorvidException.badRequest("Query string parameter '" + name + "' is missing."));
    }

    public List<String> params(String name) {
        List<String> values = parameters().getValues(name);
        return values == null ? List.of() : values;
    }

    public long longParam(String name, long defaultValue) {
        Optional<String> value = param(name).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw CorvidException.badRequest("Query string parameter '" + name + "' must be a number, was '" + value.get() + "'.");
        }
    }

    public boolean booleanParam(String name) {
        return param(name).map(v -> v.isEmpty() || Boolean.parseBoolean(v)).orElse(false);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** A change vector header such as If-Match, without its quotes. */
    public Optional<String> changeVectorHeader(String name) {
        return header(name).map(Exchange::unquote);
    }

    static String unquote(String value) {
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** The raw body as a stream (gzip-decoded when the client compressed it). No size limit. */
    public InputStream bodyStream() throws IOException {
        InputStream in = Content.Source.asInputStream(request);
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw CorvidException.badRequest("Content-Encoding '" + encoding + "' is not supported; use gzip or none.");
        }
        return in;
    }

    /** The whole body, refusing more than {@code limit} bytes. */
    public byte[] body(long limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = bodyStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        }
    }

    private static CorvidException tooLarge(long limit) {
        return new CorvidException(ErrorCode.BODY_TOO_LARGE, "Request body is larger than the limit of " + (limit >> 20) + " MiB.");
    }

    public JsonNode jsonBody() throws IOException {
        return Json.parseInput(body(MAX_JSON_BODY));
    }

    public ObjectNode jsonObjectBody() throws IOException {
        JsonNode node = jsonBody();
        if (!node.isObject()) {
            throw new CorvidException(ErrorCode.INVALID_JSON, "Request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    }

    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public boolean responded() {
        return responded;
    }

    /** Writes a JSON response produced by {@code writer}, streaming. */
    public void json(int status, JsonWriter writer) throws IOException {
        begin(status, "application/json; charset=utf-8");
        try (OutputStream out = Content.Sink.asOutputStream(response);
             JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            writer.write(generator);
        }
    }

    public void json(int status, JsonNode node) throws IOException {
        bytes(status, "application/json; charset=utf-8", Json.toBytes(node));
    }

    public void bytes(int status, String contentType, byte[] body) throws IOException {
        begin(status, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        }
    }

    /** A response without a body (204, 404, 304, 200 for HEAD). */
    public void empty(int status) throws IOException {
        begin(status, null);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.flush();
        }
    }

    public void redirect(String location) throws IOException {
        setHeader("Location", location);
        empty(302);
    }

    private void begin(int status, String contentType) {
        if (responded) {
            throw new IllegalStateException("response already sent");
        }
        responded = true;
        drainUnreadBody();
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
    }

    /**
     * Reads and drops what is left of the request's body before the response starts. A handler may
     * answer without reading it (an error found in the URL, an unknown route); Jetty would then
     * close the connection after the response without saying so, and a client reusing it for its
     * next request would find it dead ("header parser received no bytes"). A remainder larger than
     * {@link #MAX_DRAINED_BODY} is not read: the response says {@code Connection: close} instead.
     */
    private void drainUnreadBody() {
        if (!request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING) && request.getLength() <= 0) {
            return;
        }
        // not closed: closing would read (or fail) the rest, which is exactly what is bounded here
        InputStream in = Content.Source.asInputStream(request);
        byte[] buffer = new byte[16 * 1024];
        long left = MAX_DRAINED_BODY;
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                left -= read;
                if (left < 0) {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    return;
                }
            }
        } catch (IOException e) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    boolean committed() {
        return response.isCommitted();
    }

    void resetForError() {
        responded = false;
        response.reset();
    }

    /** Writes JSON through a generator; may throw I/O errors. */
    @FunctionalInterface
    public interface JsonWriter {
        void write(JsonGenerator generator) throws IOException;
    }
}
