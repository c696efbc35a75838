package dev.corvid.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The shared Jackson setup and RavenDB's date format. */
public final class Json {
    /** Thread-safe; configured once. Duplicate keys are rejected, like RavenDB does. */
    public static final ObjectMapper MAPPER = createMapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final DateTimeFormatter RAVEN_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** RavenDB's "no value" date. */
    public static final String NO_DATE = "0001-01-01T00:00:00.0000000";

    private Json() {
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    /** Formats like RavenDB: UTC with seven fractional digits and {@code Z}. */
    public static String formatDate(Instant instant) {
        return RAVEN_DATE.format(instant);
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Parses bytes that Corvid itself wrote; failure means corruption. */
    public static ObjectNode parseStored(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new CorvidException(ErrorCode.STORAGE_FAILURE, "stored document is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses user input; failure is a 400 with the parser's message. */
    public static JsonNode parseInput(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new CorvidException(ErrorCode.INVALID_JSON, "Request body is empty; expected JSON.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new CorvidException(ErrorCode.INVALID_JSON, "Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CorvidException(ErrorCode.INVALID_JSON, "Request body could not be read: " + e.getMessage());
        }
    }

    public static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
