package dev.corvid.server.etl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;

/** JSON of ETL configuration with RavenDB's PascalCase field names (record {@code taskId} ↔ {@code "TaskId"}). */
public final class EtlJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private EtlJson() {
    }

    public static <T> T read(JsonNode json, Class<T> type, String what) {
        try {
            return MAPPER.treeToValue(json, type);
        } catch (Exception e) {
            String detail = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new CorvidException(ErrorCode.BAD_REQUEST, "Invalid " + what + ": " + detail);
        }
    }

    public static ObjectNode write(Object value) {
        return MAPPER.valueToTree(value);
    }
}
