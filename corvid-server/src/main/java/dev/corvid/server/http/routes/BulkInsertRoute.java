package dev.corvid.server.http.routes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.BatchCommand;
import dev.corvid.server.documents.BatchResult;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.ExpectedChangeVector;
import dev.corvid.server.http.Exchange;
import dev.corvid.server.http.Router;
import dev.corvid.server.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /bulk_insert}: a streamed JSON array of commands, applied in batches while the rest
 * is still arriving. One batch is committed while the next is parsed, so memory stays bounded by
 * two batches whatever the stream's length.
 */
public final class BulkInsertRoute {
    static final int MAX_BATCH_DOCUMENTS = 2_000;
    static final long MAX_BATCH_BYTES = 8L << 20;

    public void register(Router router) {
        router.database("POST", "/bulk_insert", this::handle);
    }

    void handle(Exchange ex, Database db) throws Exception {
        long operationId = ex.longParam("id", -1);
        if (operationId < 0) {
            operationId = db.operations().nextId();
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        db.operations().started(operationId, () -> cancelled.set(true));
        try {
            long total = load(ex, db, cancelled);
            ObjectNode result = Json.object();
            result.put("$type", "Raven.Client.Documents.Operations.BulkOperationResult, Raven.Client");
            result.put("Total", total);
            db.operations().completed(operationId, result);
            ex.empty(200);
        } catch (CorvidException e) {
            db.operations().faulted(operationId, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            CorvidException failure = new CorvidException(ErrorCode.BULK_INSERT_ABORTED,
                    "Bulk insert aborted: " + e.getMessage(), e);
            db.operations().faulted(operationId, failure);
            throw failure;
        }
    }

    private long load(Exchange ex, Database db, AtomicBoolean cancelled) throws IOException {
        long total = 0;
        CompletableFuture<List<BatchResult>> inFlight = CompletableFuture.completedFuture(List.of());
        List<BatchCommand> batch = new ArrayList<>();
        List<byte[]> streams = new ArrayList<>();
        long batchBytes = 0;
        try (InputStream body = ex.bodyStream()) {
            CommandReader reader = new CommandReader(body);
            for (JsonNode command = reader.next(); command != null; command = reader.next()) {
                if (cancelled.get()) {
                    throw new CorvidException(ErrorCode.BULK_INSERT_ABORTED, "Bulk insert was cancelled.");
                }
                String type = command.path("Type").asText("");
                switch (type) {
                    case "PUT" -> {
                        batch.add(new BatchCommand.Put(id(command), document(command), ExpectedChangeVector.ANY));
                        total++;
                    }
                    case "AttachmentPUT" -> {
                        long length = command.path("ContentLength").asLong(-1);
                        if (length < 0 || length > Integer.MAX_VALUE - 8) {
                            throw CorvidException.badRequest("AttachmentPUT needs a ContentLength between 0 and 2 GiB.");
                        }
                        byte[] content = reader.rawBytes((int) length);
                        batch.add(new BatchCommand.PutAttachment(id(command), command.path("Name").asText(),
                                command.path("ContentType").asText(""), ExpectedChangeVector.ANY, streams.size()));
                        streams.add(content);
                        batchBytes += length;
                    }
                    case "HeartBeat" -> {
                    }
                    default -> throw CorvidException.badRequest("Bulk insert command Type '" + type
                            + "' is not supported; supported: PUT, AttachmentPUT, HeartBeat.");
                }
                batchBytes += reader.bytesSinceLastCall();
                if (batch.size() >= MAX_BATCH_DOCUMENTS || batchBytes >= MAX_BATCH_BYTES) {
                    await(inFlight);
                    inFlight = db.documents().submitBatch(batch, streams);
                    batch = new ArrayList<>();
                    streams = new ArrayList<>();
                    batchBytes = 0;
                }
            }
        }
        await(inFlight);
        if (!batch.isEmpty()) {
            await(db.documents().submitBatch(batch, streams));
        }
        return total;
    }

    private static void await(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static String id(JsonNode command) {
        String id = command.path("Id").asText("");
        if (id.isBlank()) {
            throw new CorvidException(ErrorCode.INVALID_ID, "A bulk insert command has no Id.");
        }
        return id;
    }

    private static ObjectNode document(JsonNode command) {
        JsonNode document = command.get("Document");
        if (document == null || !document.isObject()) {
            throw CorvidException.badRequest("Bulk insert PUT of '" + command.path("Id").asText() + "' has no Document object.");
        }
        return (ObjectNode) document;
    }

    /**
     * Reads the commands of the array one by one. An AttachmentPUT is followed by raw bytes outside
     * the JSON; for those the parser hands back what it buffered and a new parser continues after them.
     */
    static final class CommandReader {
        /** Reads one array element; the mapper's trailing-token check would see the next element. */
        private static final ObjectReader ELEMENT_READER =
                Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        private InputStream in;
        private JsonParser parser;
        private long lastOffset;
        private boolean finished;

        CommandReader(InputStream in) throws IOException {
            this.in = in;
            this.parser = Json.MAPPER.getFactory().createParser(in);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw CorvidException.badRequest("Bulk insert body must be a JSON array of commands.");
            }
        }

        /** The next command, or null at the end of the array. */
        JsonNode next() throws IOException {
            if (finished) {
                return null;
            }
            JsonToken token;
            try {
                token = parser.nextToken();
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new CorvidException(ErrorCode.INVALID_JSON, "Bulk insert stream is not valid JSON: " + e.getOriginalMessage());
            }
            if (token == JsonToken.END_ARRAY) {
                finished = true;
                return null;
            }
            if (token == null) {
                throw CorvidException.badRequest("Bulk insert stream ended before the closing ']'.");
            }
            if (token != JsonToken.START_OBJECT) {
                throw CorvidException.badRequest("Bulk insert stream must contain JSON objects, found " + token + ".");
            }
            try {
                return ELEMENT_READER.readTree(parser);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new CorvidException(ErrorCode.INVALID_JSON, "Bulk insert stream is not valid JSON: " + e.getOriginalMessage());
            }
        }

        long bytesSinceLastCall() {
            long offset = parser.currentLocation().getByteOffset();
            long delta = Math.max(0, offset - lastOffset);
            lastOffset = offset;
            return delta;
        }

        /** Reads {@code length} raw bytes that follow the current command, then resumes JSON parsing. */
        byte[] rawBytes(int length) throws IOException {
            ByteArrayOutputStream buffered = new ByteArrayOutputStream();
            parser.releaseBuffered(buffered);
            InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buffered.toByteArray()), in);
            byte[] content = rest.readNBytes(length);
            if (content.length < length) {
                throw CorvidException.badRequest("Bulk insert stream ended inside an attachment's content.");
            }
            int next = skipWhitespace(rest);
            if (next == ']') {
                finished = true;
            } else if (next != ',') {
                throw CorvidException.badRequest("Expected ',' or ']' after an attachment's content.");
            }
            // Resume as if a new array started here, so the parser accepts the remaining elements.
            in = new SequenceInputStream(new ByteArrayInputStream(new byte[] {'['}), rest);
            parser = Json.MAPPER.getFactory().createParser(in);
            if (!finished) {
                parser.nextToken();
            }
            lastOffset = 0;
            return content;
        }

        private static int skipWhitespace(InputStream in) throws IOException {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            return b;
        }
    }
}
